#pragma once
// Permission identifiers, as Tauri spells them: "allow-read" inside a plugin's files,
// "fs:allow-read" when referenced from a capability or another plugin's set, and
// "core:event:default" for the core namespace (the only one with two separators).
#include <optional>
#include <string>
#include <string_view>

namespace warden::acl {

// Tauri's bound: a crate name (64) minus "tauri-plugin-", a separator, a 64-byte base.
inline constexpr std::size_t kMaxIdentifierLength = 64 - 13 + 1 + 64;

enum class IdentifierKind {
  name,       // no prefix: a permission or set as defined in its file, or a plugin name
  reference,  // an optional "<plugin>:" prefix ("core:<plugin>:" for the core namespace)
};

// Why `text` is not a valid identifier of that kind; nullopt when it is valid.
// Valid: ASCII letters of either case (as Tauri), digits and '-', starting with a letter or digit, no
// hyphen at either end of a part, no empty part, at most kMaxIdentifierLength bytes.
std::optional<std::string> identifier_problem(std::string_view text, IdentifierKind kind);

// A reference split at its last separator: "fs:allow-read" -> {"fs", "allow-read"},
// "allow-read" -> {"", "allow-read"} (the app's own permissions).
struct IdentifierRef {
  std::string plugin;
  std::string name;
  std::string text() const { return plugin.empty() ? name : plugin + ":" + name; }
};
IdentifierRef split_identifier(std::string_view reference);

}  // namespace warden::acl
