#pragma once
// The scope entries that reach exactly one path the user picked (warden.grants/1), in the glob
// syntax of the fs and asset scopes (plugin/path_scope.hpp). The path is text from the
// filesystem, not a pattern: a folder literally named `*`, `[a]` or `**` must grant that folder
// and nothing beside it, so every glob metacharacter is written as a one-member class.
#include <string>
#include <string_view>
#include <vector>

namespace warden::acl {

enum class GrantedPathKind {
  file,              // the path itself
  folder,            // the folder and its entries
  folder_recursive,  // the folder and everything below it
};

// `path` as a pattern that matches only itself: '*' -> "[*]", '?' -> "[?]", '[' -> "[[]". The
// other characters have no meaning in the syntax (no braces, no backslash escapes) and a
// pattern that starts with '/' is never taken for a path variable.
std::string literal_path_pattern(std::string_view path);

// The entries for an absolute, canonical `path` of that kind. As with Tauri's globs a trailing
// "/*" or "/**" does not reach names starting with '.' unless the scope's option says so.
std::vector<std::string> granted_path_patterns(std::string_view path, GrantedPathKind kind);

}  // namespace warden::acl
