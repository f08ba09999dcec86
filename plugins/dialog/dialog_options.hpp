// What a page may ask of a dialog, read from the arguments @tauri-apps/plugin-dialog 2.8.4 sends
// (plugin:dialog|open and save: {options}; message: {message, title, kind, buttons}) and bounded:
// every string and list a page hands over ends up in a native window, so a hostile page must not
// make one with a megabyte title or ten thousand filters. No GTK here: tests/unit/plugins/dialog
// reads these without a display.
#ifndef WARDEN_PLUGINS_DIALOG_DIALOG_OPTIONS_HPP
#define WARDEN_PLUGINS_DIALOG_DIALOG_OPTIONS_HPP

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::dialog_plugin {

// Arguments a dialog cannot be made from; the message reaches the page (it names only what the
// page sent).
class BadDialogArguments : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// The bounds, in bytes of UTF-8 or in entries.
struct DialogLimits {
  static constexpr std::size_t title = 1024;
  static constexpr std::size_t message = 64 * 1024;
  static constexpr std::size_t label = 256;          // a button's or a filter's name
  static constexpr std::size_t filters = 64;
  static constexpr std::size_t extensions = 64;      // per filter
  static constexpr std::size_t extension = 64;
  static constexpr std::size_t path = 4096;          // PATH_MAX
};

struct FileFilter {
  std::string name;
  std::vector<std::string> extensions;  // without the dot; "*" is every file
};

// open's and save's options (Tauri's OpenDialogOptions / SaveDialogOptions).
struct FileDialogOptions {
  bool save = false;
  std::optional<std::string> title;
  std::vector<FileFilter> filters;
  bool multiple = false;                 // open only
  bool directory = false;                // open only: pick folders
  bool recursive = false;                // open only: a picked folder's grant reaches below it
  std::optional<std::string> default_path;
  std::optional<bool> can_create_directories;
};

enum class MessageKind { info, warning, error };

// One button of a message dialog and the answer it gives the page.
struct MessageButton {
  std::string label;      // what the user reads (a preset's label has a mnemonic: "_Yes")
  bool mnemonic = false;  // label uses GTK's underscore mnemonics (presets only: a page's label is shown as written)
  std::string answer;     // "Ok", "Cancel", "Yes", "No" or the page's own label
};

struct MessageOptions {
  std::string message;
  std::optional<std::string> title;
  MessageKind kind = MessageKind::info;
  std::vector<MessageButton> buttons;  // in the order shown, the affirmative one last
  std::string dismissed_answer;        // the answer when the user closes it without a button (Escape)
};

// {"options": {...}} of plugin:dialog|open and plugin:dialog|save.
FileDialogOptions open_options(const boost::json::value& args);
FileDialogOptions save_options(const boost::json::value& args);
// The arguments of plugin:dialog|message.
MessageOptions message_options(const boost::json::value& args);

}  // namespace warden::dialog_plugin

#endif  // WARDEN_PLUGINS_DIALOG_DIALOG_OPTIONS_HPP
