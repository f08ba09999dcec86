#include "plugin/canonical_path.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

namespace warden::plugin {

std::vector<std::string_view> path_components(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0; start < s.size();) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::optional<std::string> canonical_path(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string_view::npos) return std::nullopt;
  auto parts = path_components(path);
  std::string current = "/";
  auto join = [](const std::string& dir, std::string_view name) {
    return dir == "/" ? "/" + std::string(name) : dir + "/" + std::string(name);
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (part == ".") continue;
    if (part == "..") {
      // `current` has no symlinks, so its lexical parent is its real parent.
      auto slash = current.rfind('/');
      current = slash == 0 ? "/" : current.substr(0, slash);
      continue;
    }
    std::string next = join(current, part);
    struct stat st {};
    if (::lstat(next.c_str(), &st) != 0) {
      if (errno != ENOENT) return std::nullopt;  // not a folder, no access, ...: undecidable
      // The rest does not exist yet: it is taken as written, but cannot climb back out.
      for (std::size_t k = i; k < parts.size(); ++k) {
        if (parts[k] == "..") return std::nullopt;
        if (parts[k] != ".") current = join(current, parts[k]);
      }
      return current;
    }
    if (S_ISLNK(st.st_mode)) {
      // Follow the link to its final target; a broken or looping link is undecidable.
      char* real = ::realpath(next.c_str(), nullptr);
      if (!real) return std::nullopt;
      current = real;
      std::free(real);
    } else {
      current = std::move(next);
    }
  }
  return current;
}

}  // namespace warden::plugin
