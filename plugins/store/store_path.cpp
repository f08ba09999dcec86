#include "store_path.hpp"

#include <stdexcept>
#include <string>
#include <system_error>

namespace warden::store_plugin {
namespace fs = std::filesystem;

namespace {

// The name as it can be shown: control bytes (NUL included, which would cut the message) as \xNN.
std::string printable(std::string_view name) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

[[noreturn]] void refuse(std::string_view name, const std::string& why) { refuse_store_path(name, why); }

// The first part of `path` that is a symbolic link, else empty. weakly_canonical resolves every
// link it can follow, so a link left in its result leads nowhere (yet): following it later could
// lead anywhere.
fs::path first_link(const fs::path& path) {
  fs::path prefix;
  for (const fs::path& part : path) {
    prefix /= part;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(prefix, ec))) return prefix;
  }
  return {};
}

bool escapes(const fs::path& relative) {
  return relative.empty() || *relative.begin() == "..";
}

// The path with the symbolic links of its existing part resolved (the rest kept as written).
fs::path resolved(const fs::path& p, std::string_view name) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(p, ec);
  if (ec) refuse(name, "cannot be resolved: " + ec.message());
  return r;
}

}  // namespace

void refuse_store_path(std::string_view name, const std::string& why) {
  throw StorePathRefused("store path '" + printable(name) + "' " + why);
}

std::string literal_path_pattern(const fs::path& path) {
  std::string out;
  for (char c : path.string()) {
    if (c == '*' || c == '?' || c == '[') out += std::string("[") + c + "]";
    else out += c;
  }
  return out;
}

fs::path confine_store_path(const fs::path& root, std::string_view name) {
  if (name.empty()) refuse(name, "is empty: give a file name relative to the app data folder");
  if (name.find('\0') != std::string_view::npos) refuse(name, "contains a NUL byte");
  fs::path given(name);
  if (given.is_absolute())
    refuse(name, "is absolute: stores live in the app data folder, give a name relative to it");
  if (name.back() == '/') refuse(name, "names a folder, not a file");
  fs::path joined = (root / given).lexically_normal();
  fs::path inside = joined.lexically_relative(root.lexically_normal());
  if (escapes(inside)) refuse(name, "leaves the app data folder '" + root.string() + "'");
  if (!inside.has_filename() || inside.filename() == "." || inside.filename() == "..")
    refuse(name, "names a folder, not a file");

  fs::path real_root = resolved(root, name);
  fs::path real = resolved(joined, name);
  if (escapes(real.lexically_relative(real_root)))
    refuse(name, "leaves the app data folder '" + root.string() + "' through a symbolic link (to '" +
                     real.string() + "')");
  if (fs::path link = first_link(real); !link.empty())
    refuse(name, "goes through a symbolic link that leads nowhere ('" + link.string() + "')");
  std::error_code ec;
  if (fs::is_directory(real, ec)) refuse(name, "names a folder, not a file");
  return real;
}

bool still_resolves_to_itself(const fs::path& path) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(path, ec);
  return !ec && r == path && first_link(path).empty();
}

}  // namespace warden::store_plugin
