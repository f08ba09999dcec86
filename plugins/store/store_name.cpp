#include "store_name.hpp"

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

bool escapes(const fs::path& relative) { return relative.empty() || *relative.begin() == ".."; }

}  // namespace

void refuse_store_path(std::string_view name, const std::string& why) {
  throw StorePathRefused("store path '" + printable(name) + "' " + why);
}

fs::path store_file_path(const fs::path& root, std::string_view name) {
  if (name.empty()) refuse_store_path(name, "is empty: give a file name relative to the app data folder");
  if (name.find('\0') != std::string_view::npos) refuse_store_path(name, "contains a NUL byte");
  fs::path given(name);
  if (given.is_absolute())
    refuse_store_path(name, "is absolute: stores live in the app data folder, give a name relative to it");
  if (name.back() == '/') refuse_store_path(name, "names a folder, not a file");
  fs::path joined = (root / given).lexically_normal();
  fs::path inside = joined.lexically_relative(root.lexically_normal());
  if (escapes(inside)) refuse_store_path(name, "leaves the app data folder '" + root.string() + "'");
  if (!inside.has_filename() || inside.filename() == "." || inside.filename() == "..")
    refuse_store_path(name, "names a folder, not a file");
  return joined;
}

}  // namespace warden::store_plugin
