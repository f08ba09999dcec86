#pragma once
// The XDG autostart entry this plugin writes (Desktop Entry Specification 1.5, whose Exec and string rules 1.4 shares): its text, with
// every value written by the spec's escaping rules, so that what a session reads back is exactly
// the app's command line.
#include <string>
#include <string_view>
#include <vector>

namespace warden::autostart_plugin {

// The key that marks an entry as written by this plugin for the app `identifier`: disable removes
// only a file that carries it.
inline constexpr std::string_view owner_key = "X-Warden-App";

struct EntryContent {
  std::string name;                  // the app's productName
  std::vector<std::string> command;  // the program (absolute) and its arguments
  std::string identifier;            // the app's identifier, in owner_key
};

// A value of type string / localestring: backslash, newline, tab and carriage return escaped
// (\\, \n, \t, \r), as the spec's general rule reads them back.
std::string escape_string_value(std::string_view value);

// One argument of Exec: quoted with "..." when it holds a reserved character (or is empty), with
// ", `, $ and \ backslash-escaped inside the quotes; every % doubled (a field code otherwise).
// Not yet escaped as a string value: exec_value does that for the whole line.
std::string quote_exec_argument(std::string_view argument);

// The Exec value as written in the file: the quoted arguments joined by spaces, then escaped as
// a string value (the spec applies that rule before the quoting rule when reading).
std::string exec_value(const std::vector<std::string>& command);

// The whole file.
std::string entry_text(const EntryContent& content);

// Whether `text` (a file's content) is an entry this plugin wrote for `identifier`.
bool is_entry_of(std::string_view text, std::string_view identifier);

}  // namespace warden::autostart_plugin
