#include "runtime/path_syntax.hpp"

namespace warden::runtime::path_syntax {
namespace {

// A path as Rust's Path::components sees it on POSIX: an optional root, then the parts between
// slashes without empty ones and without "." (except a leading one).
struct Components {
  bool root = false;
  std::vector<std::string_view> parts;
};

Components components(std::string_view path) {
  Components c;
  c.root = !path.empty() && path.front() == '/';
  size_t i = 0;
  bool first = true;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view part = path.substr(i, j - i);
    if (!part.empty() && (part != "." || (first && !c.root))) c.parts.push_back(part);
    first = false;
    i = j + 1;
  }
  return c;
}

// Tauri's normalize_path_no_absolute: ".." drops the last part (nothing at the root or start).
std::string lexical(std::string_view path) {
  Components c = components(path);
  std::vector<std::string_view> kept;
  for (auto part : c.parts) {
    if (part == ".") continue;
    if (part == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(part);
  }
  std::string out = c.root ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) out += '/';
    out += kept[i];
  }
  return out;
}

std::optional<std::string> file_name(std::string_view path) {
  Components c = components(path);
  if (c.parts.empty()) return std::nullopt;
  std::string_view last = c.parts.back();
  if (last == "." || last == "..") return std::nullopt;
  return std::string(last);
}

}  // namespace

std::string join(const std::vector<std::string>& segments) {
  std::string all;
  for (const auto& s : segments) {
    if (s.empty()) continue;
    all += s;
    if (s.back() != '/') all += '/';
  }
  std::string out = lexical(all);
  return out.empty() ? "." : out;
}

std::string normalize(std::string_view path) {
  std::string out = lexical(path);
  if (out.empty() && path == "..") return "..";
  if (out.empty() && path == ".") return ".";
  if (!path.empty() && path.back() == '/' && (out.empty() || out.back() != '/')) out += '/';
  return out;
}

std::string resolve(const std::string& base, const std::vector<std::string>& segments) {
  std::string path = base;
  for (const auto& s : segments) {
    if (is_absolute(s)) path = s;
    else if (!s.empty()) path += "/" + s;
  }
  std::string out = lexical(path);
  return out.empty() ? "/" : out;
}

std::optional<std::string> dirname(std::string_view path) {
  Components c = components(path);
  if (c.parts.empty()) return std::nullopt;  // "" or "/"
  c.parts.pop_back();
  std::string out = c.root ? "/" : "";
  for (size_t i = 0; i < c.parts.size(); ++i) {
    if (i) out += '/';
    out += c.parts[i];
  }
  return out;
}

std::optional<std::string> extname(std::string_view path) {
  auto name = file_name(path);
  if (!name) return std::nullopt;
  auto dot = name->rfind('.');
  if (dot == std::string::npos || dot == 0) return std::nullopt;  // no dot, or a dot file
  return name->substr(dot + 1);
}

std::optional<std::string> basename(std::string_view path, std::optional<std::string_view> ext) {
  auto name = file_name(path);
  if (!name) return std::nullopt;
  if (ext && !ext->empty() && name->size() >= ext->size() && name->ends_with(*ext))
    name->resize(name->size() - ext->size());
  return name;
}

bool is_absolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

}  // namespace warden::runtime::path_syntax
