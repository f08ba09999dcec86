#include "cli/debian_version.hpp"

#include <cstdlib>

#include "warden/ascii.hpp"

namespace warden::cli {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The weight of one character in a non-digit run: '~' lowest, then the end of the run, then
// letters, then everything else (by its code).
int order(char c) {
  if (is_digit(c)) return 0;
  if (is_alpha(c)) return c;
  if (c == '~') return -1;
  if (c) return c + 256;
  return 0;
}

// dpkg's verrevcmp: alternating non-digit runs (compared by `order`) and digit runs
// (compared as numbers, leading zeros ignored).
int compare_part(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !is_digit(a[i])) || (j < b.size() && !is_digit(b[j]))) {
      int ac = i < a.size() ? order(a[i]) : 0;
      int bc = j < b.size() ? order(b[j]) : 0;
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && is_digit(a[i]) && j < b.size() && is_digit(b[j])) {
      if (!first_diff) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && is_digit(a[i])) return 1;
    if (j < b.size() && is_digit(b[j])) return -1;
    if (first_diff) return first_diff;
  }
  return 0;
}

bool allowed_in_upstream(char c) {
  return is_digit(c) || is_alpha(c) || c == '.' || c == '+' || c == '-' || c == '~' || c == ':';
}
bool allowed_in_revision(char c) { return is_digit(c) || is_alpha(c) || c == '.' || c == '+' || c == '~'; }

}  // namespace

std::optional<DebianVersion> parse_debian_version(std::string_view text) {
  text = warden::ascii_trim(text);
  if (text.empty()) return std::nullopt;
  DebianVersion v;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    std::string_view epoch = text.substr(0, colon);
    if (epoch.empty() || epoch.size() > 9) return std::nullopt;
    for (char c : epoch)
      if (!is_digit(c)) return std::nullopt;
    v.epoch = std::strtoul(std::string(epoch).c_str(), nullptr, 10);
    text.remove_prefix(colon + 1);
  }
  std::string_view upstream = text;
  if (auto dash = text.rfind('-'); dash != std::string_view::npos) {
    upstream = text.substr(0, dash);
    v.revision = std::string(text.substr(dash + 1));
    if (v.revision.empty()) return std::nullopt;
    for (char c : v.revision)
      if (!allowed_in_revision(c)) return std::nullopt;
  }
  if (upstream.empty() || !is_digit(upstream.front())) return std::nullopt;
  for (char c : upstream)
    if (!allowed_in_upstream(c)) return std::nullopt;
  v.upstream = std::string(upstream);
  return v;
}

int compare_debian_versions(const DebianVersion& a, const DebianVersion& b) {
  if (a.epoch != b.epoch) return a.epoch < b.epoch ? -1 : 1;
  if (int c = compare_part(a.upstream, b.upstream)) return c < 0 ? -1 : 1;
  int c = compare_part(a.revision, b.revision);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace warden::cli
