#include "semver.hpp"

#include <charconv>

namespace warden::updater {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A numeric part: digits, no leading zero (SemVer 2.0 forbids "01").
std::optional<uint64_t> number_of(std::string_view s) {
  if (!all_digits(s) || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

bool identifier_ok(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) return false;
  return true;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::strong_ordering compare_identifier(const std::string& a, const std::string& b) {
  bool an = all_digits(a), bn = all_digits(b);
  if (an && bn) {
    if (a.size() != b.size()) return a.size() <=> b.size();  // no leading zeros: longer is larger
    return a.compare(b) <=> 0;
  }
  if (an != bn) return an ? std::strong_ordering::less : std::strong_ordering::greater;
  return a.compare(b) <=> 0;
}

}  // namespace

std::string SemVer::text() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (size_t i = 0; i < pre.size(); ++i) out += (i == 0 ? "-" : ".") + pre[i];
  return out;
}

std::optional<SemVer> parse_semver(std::string_view text) {
  if (!text.empty() && text[0] == 'v') text.remove_prefix(1);
  if (size_t plus = text.find('+'); plus != std::string_view::npos) {
    for (std::string_view id : split(text.substr(plus + 1), '.'))
      if (!identifier_ok(id)) return std::nullopt;
    text = text.substr(0, plus);
  }
  std::string_view pre;
  if (size_t dash = text.find('-'); dash != std::string_view::npos) {
    pre = text.substr(dash + 1);
    if (pre.empty()) return std::nullopt;
    text = text.substr(0, dash);
  }
  auto core = split(text, '.');
  if (core.size() != 3) return std::nullopt;
  auto major = number_of(core[0]), minor = number_of(core[1]), patch = number_of(core[2]);
  if (!major || !minor || !patch) return std::nullopt;
  SemVer v{*major, *minor, *patch, {}};
  if (!pre.empty()) {
    for (std::string_view id : split(pre, '.')) {
      if (!identifier_ok(id) || (all_digits(id) && !number_of(id))) return std::nullopt;
      v.pre.emplace_back(id);
    }
  }
  return v;
}

std::strong_ordering compare(const SemVer& a, const SemVer& b) {
  if (auto c = a.major <=> b.major; c != 0) return c;
  if (auto c = a.minor <=> b.minor; c != 0) return c;
  if (auto c = a.patch <=> b.patch; c != 0) return c;
  if (a.pre.empty() || b.pre.empty()) {
    if (a.pre.empty() && b.pre.empty()) return std::strong_ordering::equal;
    return a.pre.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  for (size_t i = 0; i < a.pre.size() && i < b.pre.size(); ++i)
    if (auto c = compare_identifier(a.pre[i], b.pre[i]); c != 0) return c;
  return a.pre.size() <=> b.pre.size();
}

}  // namespace warden::updater
