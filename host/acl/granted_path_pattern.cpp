#include "acl/granted_path_pattern.hpp"

namespace warden::acl {

std::string literal_path_pattern(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '*' || c == '?' || c == '[') {
      out += '[';
      out += c;
      out += ']';
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> granted_path_patterns(std::string_view path, GrantedPathKind kind) {
  std::string self = literal_path_pattern(path);
  if (kind == GrantedPathKind::file) return {self};
  std::string below = self == "/" ? "/" : self + "/";
  return {self, below + (kind == GrantedPathKind::folder_recursive ? "**" : "*")};
}

}  // namespace warden::acl
