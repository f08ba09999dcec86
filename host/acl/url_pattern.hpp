#pragma once
// A matcher for Tauri's `remote.urls` entries: the WHATWG URLPattern standard, read the way Tauri
// reads it (see docs/url-patterns.md). After parsing, a path that is empty or exactly `/` and an
// empty or absent query or fragment become `*` (scheme, host and port are never widened).
//
//   auto p = UrlPattern::parse("https://*.tauri.app");
//   p.matches("https://v2.tauri.app/start");   // true
//   p.matches("https://tauri.app/");           // false: `*.` needs one more label
//   p.matches("https://tauri.app@evil.com/");  // false: userinfo never matches
//   UrlPattern::parse("https://tauri.app/").matches("https://tauri.app/docs?x");  // true (Tauri)
//   UrlPattern::parse("https://*.*").broad();  // "the host ... any domain": worth a warning
//
// Every URLPattern feature is accepted: `*`, named groups (`:id`), regular-expression groups
// (`(\\d+)`), groups `{...}` and the modifiers `?`, `*`, `+`, in any component and with any
// scheme (`app://*`, `tauri://localhost`). Warden is stricter in two places, both documented:
// a URL with userinfo never matches, and neither does a URL without a host (data:, blob:,
// about:, javascript:, file:). parse() rejects what URLPattern rejects, and non-ASCII hosts.
// matches() never throws: a URL that does not parse does not match.
// A UrlPattern is immutable after parse() and safe to share between threads.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "acl/error.hpp"

namespace warden::acl {

class UrlPattern {
 public:
  // Throws Error (with `where` as its location, e.g. {file, line, "remote.urls[0]"}) when the
  // pattern is malformed. When `where` names a file and the pattern is broad or can never
  // match, logs a warning naming the file and the pattern (once per file and pattern).
  static UrlPattern parse(std::string_view pattern, const ErrorLocation& where = {});

  // True when `url` (an absolute URL, as a URL parser would see it) matches the pattern.
  // Never throws. URLs with userinfo or without a host, or that do not parse, never match.
  bool matches(std::string_view url) const noexcept;

  // The pattern string exactly as given to parse().
  const std::string& source() const noexcept { return source_; }

  // Why the pattern reaches pages of more than one site (any scheme; a host wildcard not
  // confined under a fixed domain of two or more labels, as in `https://*`, `https://*.*`,
  // `https://tauri.*`, `https://*.com`), or nullopt.
  const std::optional<std::string>& broad() const noexcept { return broad_; }

  // Why no URL can ever match in Warden (userinfo in the pattern, a scheme whose URLs have no
  // host such as `file:` or `data:`), or nullopt.
  const std::optional<std::string>& inert() const noexcept { return inert_; }

  struct Compiled;  // the compiled components (url_pattern.cpp)

 private:
  UrlPattern() = default;

  std::string source_;
  std::shared_ptr<const Compiled> compiled_;
  std::optional<std::string> broad_;
  std::optional<std::string> inert_;
};

}  // namespace warden::acl
