#pragma once
// The one definition of where a path really leads, shared by the host's scope check
// (path_scope.hpp) and the plugins that open what it allowed (plugins/fs compiles this file), so
// that the path a scope decides on and the path a plugin opens cannot differ. Plain POSIX and
// the standard library: no host dependency.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::plugin {

// `path` made absolute and canonical the way the kernel would walk it: "." dropped, every
// symlink followed to its final target (a ".." after a symlink leaves the link's target, not the
// link's folder), the part that does not exist yet taken as written. nullopt when the path is
// relative or has a NUL, when a link is broken or loops, when a component cannot be examined
// (no permission, not a folder), or when ".." follows a component that does not exist.
std::optional<std::string> canonical_path(std::string_view path);

// The non-empty parts of `path` between slashes ("/a//b/" -> {"a", "b"}), viewing into `path`.
std::vector<std::string_view> path_components(std::string_view path);

}  // namespace warden::plugin
