/*
 * Warden plugin SDK, C++ helper (header-only, plain C++20, no host header): writing the values of
 * a .desktop file by the Desktop Entry Specification (1.4; 1.5 keeps the same Exec and string
 * rules), for a plugin that makes the desktop start the app (autostart's entry, deep-link's URL
 * handler). What a session, a file manager or xdg-open reads back is then exactly what was written:
 * a path with a space, a quote, a '$' or a '%' stays one argument and starts nothing else.
 *
 *   #include <warden/desktop_entry.hpp>
 *   namespace de = warden::desktop_entry;
 *
 *   if (!de::is_file_name_identifier(app.identifier)) throw std::invalid_argument("...");
 *   std::string text = "[Desktop Entry]\nType=Application\nVersion=1.4\n";
 *   text += "Name=" + de::escape_string_value(app.product_name) + "\n";
 *   text += "Exec=" + de::exec_value(command) + "\n";           // command: program, arguments
 *   text += de::owner_line(app.identifier) + "\n";              // X-Warden-App=<identifier>
 *   ...
 *   if (de::has_owner_line(file_text, app.identifier)) ...      // ours: may be replaced, removed
 *
 * - `escape_string_value`: a value of type string or localestring; backslash, newline, tab and
 *   carriage return are written \\ \n \t \r, so a value never breaks its line.
 * - `quote_exec_argument`: one argument of Exec. Quoted "..." when empty or holding a character
 *   the spec reserves (space, tab, newline, " ' \ > < ~ | & ; $ * ? # ( ) `), with " ` $ \
 *   backslash-escaped inside; every % doubled, so no argument is read as a field code (%u, %f...).
 *   A field code the plugin means (deep-link's %u) is appended after exec_value, unquoted.
 * - `exec_value`: the whole Exec value: the quoted arguments joined by spaces, then escaped as a
 *   string value, since a reader undoes the string escapes before the quoting.
 * - `owner_line` / `has_owner_line`: Warden's mark on an entry a plugin wrote for an app
 *   (X-Warden-App=<identifier>), so that the plugin replaces or removes only its own files and
 *   never one a package or the user put there. Only a whole line matches (not a comment, not a
 *   longer identifier).
 * - `is_file_name_identifier`: whether an app identifier may name a file: reverse-DNS characters
 *   only ([A-Za-z0-9._-], 1 to 200 of them, not starting with '.'), so never a '/', a "..", a
 *   newline or anything a shell or a desktop file reads specially.
 */
#ifndef WARDEN_DESKTOP_ENTRY_HPP
#define WARDEN_DESKTOP_ENTRY_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace warden::desktop_entry {

// The key of Warden's mark on an entry a plugin wrote (see owner_line).
inline constexpr std::string_view owner_key = "X-Warden-App";

inline std::string escape_string_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
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

// The characters the spec reserves in Exec: an argument holding one is quoted.
inline bool is_reserved_in_exec(char c) {
  constexpr std::string_view reserved = " \t\n\"'\\><~|&;$*?#()`";
  return reserved.find(c) != std::string_view::npos;
}

inline std::string quote_exec_argument(std::string_view argument) {
  bool quote = argument.empty();
  for (char c : argument) quote = quote || is_reserved_in_exec(c);
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

inline std::string exec_value(const std::vector<std::string>& command) {
  std::string line;
  for (const std::string& argument : command) {
    if (!line.empty()) line += ' ';
    line += quote_exec_argument(argument);
  }
  return escape_string_value(line);
}

inline std::string owner_line(std::string_view identifier) {
  return std::string(owner_key) + "=" + escape_string_value(identifier);
}

inline bool has_owner_line(std::string_view text, std::string_view identifier) {
  const std::string line = owner_line(identifier);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(pos, end - pos) == line) return true;
    pos = end + 1;
  }
  return false;
}

inline bool is_file_name_identifier(std::string_view identifier) {
  if (identifier.empty() || identifier.front() == '.' || identifier.size() > 200) return false;
  for (char c : identifier) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                   c == '-' || c == '_';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace warden::desktop_entry

#endif  // WARDEN_DESKTOP_ENTRY_HPP
