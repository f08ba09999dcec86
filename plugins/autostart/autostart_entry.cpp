#include "autostart_entry.hpp"

namespace warden::autostart_plugin {
namespace {

// The characters the spec reserves in Exec: an argument holding one is quoted.
bool reserved_in_exec(char c) {
  constexpr std::string_view reserved = " \t\n\"'\\><~|&;$*?#()`";
  return reserved.find(c) != std::string_view::npos;
}

}  // namespace

std::string escape_string_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out;
}

std::string quote_exec_argument(std::string_view argument) {
  bool quote = argument.empty();
  for (char c : argument) quote = quote || reserved_in_exec(c);
  std::string out;
  if (quote) out += '"';
  for (char c : argument) {
    if (c == '%') {
      out += "%%";
      continue;
    }
    if (quote && (c == '"' || c == '`' || c == '$' || c == '\\')) out += '\\';
    out += c;
  }
  if (quote) out += '"';
  return out;
}

std::string exec_value(const std::vector<std::string>& command) {
  std::string line;
  for (const std::string& argument : command) {
    if (!line.empty()) line += ' ';
    line += quote_exec_argument(argument);
  }
  return escape_string_value(line);
}

std::string entry_text(const EntryContent& c) {
  std::string text = "[Desktop Entry]\n";
  text += "Type=Application\n";
  // 1.4: the Exec and string rules written here are the same in 1.5, and desktop-file-validate of
  // Debian 12 (desktop-file-utils 0.26) refuses a Version it does not know, 1.5 among them.
  text += "Version=1.4\n";
  text += "Name=" + escape_string_value(c.name) + "\n";
  text += "Exec=" + exec_value(c.command) + "\n";
  text += "Terminal=false\n";
  text += "X-GNOME-Autostart-enabled=true\n";
  text += std::string(owner_key) + "=" + escape_string_value(c.identifier) + "\n";
  return text;
}

bool is_entry_of(std::string_view text, std::string_view identifier) {
  std::string line = std::string(owner_key) + "=" + escape_string_value(identifier);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos) == line) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace warden::autostart_plugin
