#include "acl/identifier.hpp"

namespace warden::acl {
namespace {

// ASCII letters of either case and digits, as Tauri's identifiers (plugins generate
// 'allow-registerListener' from a command named registerListener).
bool is_word_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::optional<std::string> part_problem(std::string_view part) {
  if (part.empty()) return "an empty part (nothing before or after ':')";
  if (part.front() == '-' || part.back() == '-') return "a hyphen at the start or end of '" + std::string(part) + "'";
  for (char c : part) {
    if (!is_word_char(c) && c != '-')
      return "the character '" + std::string(1, c) + "' (allowed: A-Z, a-z, 0-9, '-')";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> identifier_problem(std::string_view text, IdentifierKind kind) {
  if (text.empty()) return "identifiers cannot be empty";
  if (text.size() > kMaxIdentifierLength)
    return "identifiers are at most " + std::to_string(kMaxIdentifierLength) + " bytes, found " +
           std::to_string(text.size());
  if (text.starts_with("tauri-plugin-")) return "identifiers cannot start with 'tauri-plugin-'";
  std::size_t separators = 0;
  for (char c : text) separators += c == ':';
  std::size_t allowed = kind == IdentifierKind::name ? 0 : text.starts_with("core:") ? 2 : 1;
  if (separators > allowed)
    return kind == IdentifierKind::name ? "a name cannot contain ':' here"
                                        : "identifiers can only contain one ':' (two for 'core:')";
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(':', start);
    std::string_view part = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (auto problem = part_problem(part)) return "invalid identifier '" + std::string(text) + "': " + *problem;
    if (end == std::string_view::npos) return std::nullopt;
    start = end + 1;
  }
}

IdentifierRef split_identifier(std::string_view reference) {
  auto cut = reference.rfind(':');
  if (cut == std::string_view::npos) return {"", std::string(reference)};
  return {std::string(reference.substr(0, cut)), std::string(reference.substr(cut + 1))};
}

}  // namespace warden::acl
