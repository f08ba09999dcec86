#pragma once
// A matcher for Tauri's `remote.urls` entries: a documented, secure subset of the
// WHATWG URLPattern standard (see docs/url-patterns.md for exactly what is supported), read
// with Tauri's widening: after parsing, a path that is empty or exactly `/` and an empty or
// absent query or fragment become `*` (scheme, host and port are never widened).
//
//   auto p = UrlPattern::parse("https://*.tauri.app");
//   p.matches("https://v2.tauri.app/start");   // true
//   p.matches("https://tauri.app/");           // false: `*.` needs one more label
//   p.matches("https://tauri.app@evil.com/");  // false: userinfo never matches
//   UrlPattern::parse("https://tauri.app/").matches("https://tauri.app/docs?x");  // true (Tauri)
//
// parse() rejects anything outside the subset (named groups `:id`, regex groups `(...)`,
// `{...}`, modifiers `?`/`+`, ...) with warden::acl::Error instead of guessing.
// matches() never throws: a URL that does not parse does not match.
// A UrlPattern is immutable after parse() and safe to share between threads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acl/error.hpp"

namespace warden::acl {

class UrlPattern {
 public:
  // Throws Error (with `where` as its location, e.g. {file, line, "remote.urls[0]"}) when
  // the pattern is malformed or uses a URLPattern feature outside the supported subset.
  static UrlPattern parse(std::string_view pattern, const ErrorLocation& where = {});

  // True when `url` (an absolute URL, as a URL parser would see it) matches the pattern.
  // Never throws. URLs with userinfo, or that do not parse, never match.
  bool matches(std::string_view url) const noexcept;

  // The pattern string exactly as given to parse().
  const std::string& source() const noexcept { return source_; }

 private:
  UrlPattern() = default;
  struct Compiler;  // reads the pattern string (url_pattern.cpp); URLs are read by whatwg_url.hpp

  // One URL component pattern: literal text and `*` wildcards, in order. Literal text is
  // stored normalized the way the URL parser normalizes that component (lowercase host,
  // percent-encoded path, ...), so it compares byte for byte with a parsed URL's component.
  struct Piece {
    bool wildcard = false;      // `*`: any run of characters, possibly empty
    std::string literal;        // when !wildcard
  };
  struct Component {
    std::vector<Piece> pieces;  // adjacent literals merged, adjacent wildcards collapsed;
                                // empty = matches only the empty string
    static Component any();
    static Component exactly(std::string literal);
    bool match(std::string_view value) const noexcept;
  };

  std::string source_;
  Component scheme_;
  Component host_;
  Component port_;              // "" = the scheme's default port only
  Component path_;
  Component search_;
  Component hash_;
};

}  // namespace warden::acl
