#pragma once
// The .desktop file that makes the app a URL handler (Desktop Entry Specification 1.4/1.5):
//   $XDG_DATA_HOME/applications/<identifier>-handler.desktop
// Its Exec line is the app's launch command (what warden.app-lifecycle/1 says starts it), then
// `--` so that a URL can never be read as one of `warden run`'s options, then %u; its MimeType
// lists x-scheme-handler/<scheme> for each scheme registered; NoDisplay keeps it out of menus.
// The "-handler" suffix keeps it apart from an <identifier>.desktop a package installs, which
// this plugin must never replace. The values are written by the SDK's warden/desktop_entry.hpp,
// as the autostart plugin's entry, so both files are read back as written.
#include <string>
#include <string_view>
#include <vector>

namespace warden::deep_link_plugin {

struct HandlerEntry {
  std::string name;                  // the app's productName
  std::vector<std::string> command;  // the program (absolute) and its arguments, without `--`
  std::string identifier;            // the app's identifier, in X-Warden-App
  std::vector<std::string> schemes;  // lower case, at least one
};

// "<identifier>-handler.desktop" (the identifier already checked to be a file name).
std::string handler_file_name(const std::string& identifier);

// The whole file. Throws std::invalid_argument as autostart's entry_text does (a productName or
// a command holding a character no .desktop value may hold).
std::string handler_entry_text(const HandlerEntry& entry);

// Whether `text` is a handler entry this plugin wrote for `identifier` (its X-Warden-App line).
bool is_handler_entry_of(std::string_view text, std::string_view identifier);

// The schemes the MimeType line of `text` lists as x-scheme-handler/<scheme>, in order.
std::vector<std::string> handler_entry_schemes(std::string_view text);

}  // namespace warden::deep_link_plugin
