#pragma once
// The XDG autostart entry this plugin writes (Desktop Entry Specification 1.5, whose Exec and
// string rules 1.4 shares): its text, every value written by the SDK's warden/desktop_entry.hpp,
// so that what a session reads back is exactly the app's command line.
#include <string>
#include <string_view>
#include <vector>

namespace warden::autostart_plugin {

struct EntryContent {
  std::string name;                  // the app's productName
  std::vector<std::string> command;  // the program (absolute) and its arguments
  std::string identifier;            // the app's identifier, in the X-Warden-App line
};

// The whole file. Throws std::invalid_argument, naming productName or Exec, when a value holds a
// character no .desktop value may hold (a control character other than tab, newline and carriage
// return, which are escaped, or a Unicode line separator: desktop_entry.hpp).
std::string entry_text(const EntryContent& content);

// Whether `text` (a file's content) is an entry this plugin wrote for `identifier`: disable
// removes only a file that carries its X-Warden-App line.
bool is_entry_of(std::string_view text, std::string_view identifier);

}  // namespace warden::autostart_plugin
