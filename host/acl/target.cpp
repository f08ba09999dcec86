#include "acl/target.hpp"

#include <array>
#include <utility>

namespace warden::acl {
namespace {

constexpr std::array<std::pair<Target, std::string_view>, 5> kNames{{
    {Target::linux, "linux"},
    {Target::macos, "macOS"},
    {Target::windows, "windows"},
    {Target::android, "android"},
    {Target::ios, "iOS"},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view platform_name(Target target) {
  for (auto& [t, name] : kNames)
    if (t == target) return name;
  return "linux";
}

std::optional<Target> parse_target(std::string_view text) {
  for (auto& [t, name] : kNames)
    if (equal_ignoring_case(text, name)) return t;
  return std::nullopt;
}

Target current_target() {
#if defined(__ANDROID__)
  return Target::android;
#elif defined(__APPLE__)
  return Target::macos;
#elif defined(_WIN32)
  return Target::windows;
#else
  return Target::linux;
#endif
}

}  // namespace warden::acl
