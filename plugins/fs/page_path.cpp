#include "page_path.hpp"

#include <array>
#include <stdexcept>

namespace warden::fs_plugin {
namespace {

constexpr std::array<std::string_view, 24> kBaseDirectories = {
    "",         "AUDIO",     "CACHE",   "CONFIG",    "DATA",         "LOCALDATA", "DOCUMENT", "DOWNLOAD",
    "PICTURE",  "PUBLIC",    "VIDEO",   "RESOURCE",  "TEMP",         "APPCONFIG", "APPDATA",  "APPLOCALDATA",
    "APPCACHE", "APPLOG",    "DESKTOP", "EXE",       "FONT",         "HOME",      "RUNTIME",  "TEMPLATE"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

[[noreturn]] void refuse(std::string_view argument, std::string_view path, const std::string& why) {
  std::string shown;  // a NUL would cut the message short
  for (char c : path) shown += c == '\0' ? std::string("\\0") : std::string(1, c);
  throw std::invalid_argument("argument '" + std::string(argument) + "' ('" + shown + "'): " + why);
}

// file:///a/b or file://localhost/a/b -> /a/b, decoded.
std::string file_url_path(std::string_view url, std::string_view argument) {
  std::string_view rest = url.substr(7);
  if (rest.starts_with("localhost/")) rest.remove_prefix(9);
  if (!rest.starts_with("/")) refuse(argument, url, "only local file:// URLs are accepted");
  if (auto q = rest.find_first_of("?#"); q != std::string_view::npos) rest = rest.substr(0, q);
  auto decoded = percent_decode(rest);
  if (!decoded) refuse(argument, url, "malformed %-escape in the file URL");
  return *decoded;
}

}  // namespace

std::optional<std::string_view> base_directory_variable(int base_directory) {
  if (base_directory < 1 || base_directory >= static_cast<int>(kBaseDirectories.size())) return std::nullopt;
  return kBaseDirectories[static_cast<std::size_t>(base_directory)];
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string absolute_page_path(std::string_view raw, std::optional<int> base_directory,
                               const VariableResolver& resolve, std::string_view argument) {
  if (raw.empty() && !base_directory) refuse(argument, raw, "the path is empty");
  std::string path = raw.starts_with("file://") ? file_url_path(raw, argument) : std::string(raw);
  if (path.find('\0') != std::string::npos) refuse(argument, raw, "the path contains a NUL character");

  // Like Tauri, refuse ".." outright: a page has no reason to climb, and whether it may is
  // easier to answer when it cannot.
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (std::string_view(path).substr(start, end - start) == "..")
      refuse(argument, raw, "'..' is not allowed in a path; name the folder directly");
    start = end + 1;
  }

  if (base_directory) {
    auto variable = base_directory_variable(*base_directory);
    if (!variable) refuse(argument, raw, "unknown baseDir " + std::to_string(*base_directory));
    if (!path.empty() && path.front() == '/') return path;  // an absolute path replaces the base, as a join does
    auto base = resolve(std::string(*variable));
    if (!base) refuse(argument, raw, "the base directory $" + std::string(*variable) + " is not defined on this system");
    return path.empty() ? *base : *base + "/" + path;  // "" names the base directory itself
  }
  if (path.front() != '/') refuse(argument, raw, "a relative path needs options.baseDir");
  return path;
}

}  // namespace warden::fs_plugin
