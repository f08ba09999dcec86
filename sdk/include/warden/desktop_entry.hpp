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
 *   text += de::product_name_line(app.product_name) + "\n";    // throws naming productName
 *   text += "Exec=" + de::exec_value(command) + "\n";           // command: program, arguments
 *   text += de::owner_line(app.identifier) + "\n";              // X-Warden-App=<identifier>
 *   ...
 *   if (de::has_owner_line(file_text, app.identifier)) ...      // ours: may be replaced, removed
 *
 * - `escape_string_value(value, what)`: a value of type string or localestring; backslash,
 *   newline, tab and carriage return are written \\ \n \t \r, so a value never breaks its line,
 *   and a space that starts or ends it \s (GLib drops a value's leading blanks, other readers its
 *   trailing ones). Any other control character (U+0000 to U+001F, U+007F), which the spec allows
 *   in no value, and the Unicode line separators U+0085, U+2028 and U+2029, which some readers
 *   split lines at (Python's str.splitlines also splits at U+000B, U+000C, U+001C to U+001E),
 *   are refused: std::invalid_argument naming `what` and the character, never the value.
 * - `string_line(key, value)`: "key=" and the escaped value; `product_name_line(name)`: the
 *   Name line of an app's entry, a refusal naming productName.
 * - `quote_exec_argument`: one argument of Exec. Quoted "..." when empty or holding a character
 *   the spec reserves (space, tab, newline, " ' \ > < ~ | & ; $ * ? # ( ) `), with " ` $ \
 *   backslash-escaped inside; every % doubled, so no argument is read as a field code (%u, %f...).
 *   A field code the plugin means (deep-link's %u) is appended after exec_value, unquoted.
 * - `exec_value`: the whole Exec value: the quoted arguments joined by spaces, then escaped as a
 *   string value, since a reader undoes the string escapes before the quoting (so an argument
 *   with a refused character throws, naming Exec).
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
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warden::desktop_entry {

// The key of Warden's mark on an entry a plugin wrote (see owner_line).
inline constexpr std::string_view owner_key = "X-Warden-App";

// The first character of `value` that no value may hold, as "U+XXXX", or nullopt. Tab, newline
// and carriage return are not among them: they have escapes.
inline std::optional<std::string> refused_character(std::string_view value) {
  auto code_point = [](unsigned code) {
    char text[8];
    std::snprintf(text, sizeof text, "U+%04X", code);
    return std::string(text);
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return code_point(c);
    if (c == 0xc2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0x85) return code_point(0x85);
    if (c == 0xe2 && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0x80) {
      auto last = static_cast<unsigned char>(value[i + 2]);
      if (last == 0xa8 || last == 0xa9) return code_point(0x2000 + last - 0x80);
    }
  }
  return std::nullopt;
}

// `what` names the value in the error: "the .desktop key Name", "the app's productName (...)".
inline std::string escape_string_value(std::string_view value, std::string_view what) {
  if (auto c = refused_character(value))
    throw std::invalid_argument(std::string(what) + " cannot hold the character " + *c +
                                " (a control character or a line separator) in a .desktop file");
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    switch (char c = value[i]) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case ' ': out += (i == 0 || i + 1 == value.size()) ? "\\s" : " "; break;
      default: out += c;
    }
  }
  return out;
}

inline std::string string_line(std::string_view key, std::string_view value) {
  return std::string(key) + "=" + escape_string_value(value, "the .desktop key " + std::string(key));
}

// The Name line of an entry written for an app: its productName, which a refusal names, since
// the app's config is where it is fixed.
inline std::string product_name_line(std::string_view product_name) {
  return "Name=" + escape_string_value(product_name, "the app's productName (the .desktop key Name)");
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
  return escape_string_value(line, "the .desktop key Exec (the app's launch command)");
}

inline std::string owner_line(std::string_view identifier) {
  return string_line(owner_key, identifier);
}

inline bool has_owner_line(std::string_view text, std::string_view identifier) {
  if (refused_character(identifier)) return false;  // no line written by owner_line holds it
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
