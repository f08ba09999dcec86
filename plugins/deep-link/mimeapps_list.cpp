#include "mimeapps_list.hpp"

#include <vector>

namespace warden::deep_link_plugin {
namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The line of the key without `desktop_id` in its ;-list: "" when the list becomes empty,
// nullopt when the list does not hold it.
std::optional<std::string> line_without(std::string_view key, std::string_view value, std::string_view desktop_id) {
  std::vector<std::string_view> kept;
  bool found = false;
  while (!value.empty()) {
    std::size_t semicolon = value.find(';');
    std::string_view item = trimmed(value.substr(0, semicolon));
    if (item == desktop_id)
      found = true;
    else if (!item.empty())
      kept.push_back(item);
    if (semicolon == std::string_view::npos) break;
    value.remove_prefix(semicolon + 1);
  }
  if (!found) return std::nullopt;
  if (kept.empty()) return std::string();
  std::string line = std::string(key) + "=";
  for (std::string_view item : kept) line += std::string(item) + ";";
  return line;
}

}  // namespace

std::optional<std::string> without_default(std::string_view text, std::string_view mime_type,
                                           std::string_view desktop_id) {
  std::string out;
  bool in_defaults = false;
  bool changed = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    bool has_newline = end != std::string_view::npos;
    if (!has_newline) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    std::string_view bare = trimmed(line);
    if (bare.starts_with('[')) in_defaults = bare == "[Default Applications]";
    std::size_t equals = bare.find('=');
    if (in_defaults && equals != std::string_view::npos && trimmed(bare.substr(0, equals)) == mime_type) {
      if (auto replaced = line_without(mime_type, bare.substr(equals + 1), desktop_id)) {
        changed = true;
        if (replaced->empty()) continue;  // the key goes with its last application
        out += *replaced;
        out += '\n';
        continue;
      }
    }
    out += line;
    if (has_newline) out += '\n';
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace warden::deep_link_plugin
