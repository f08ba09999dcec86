/*
 * Warden plugin SDK, C++ helper (header-only, no host header): a URL's scheme, read one way by
 * every plugin that judges one (opener's open_url and its scope patterns, deep-link's config,
 * arguments and page protocols).
 *
 * RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), compared without case. The
 * characters are tested as ASCII on purpose, never with <cctype>: GTK sets the user's locale, and
 * in a single-byte one isalpha() accepts letters above 0x7f and tolower() can change an ASCII
 * letter into one (tr_TR.ISO-8859-9 lowers 'I' to 0xfd), so "FILE:" would read as a scheme other
 * than file and pass a rule written for file: URLs. A scheme longer than max_url_scheme_bytes is
 * not one: no registered scheme comes near, and a bound keeps what a log repeats short.
 *
 *   if (warden::url_scheme(url) == "file") ...          // "FILE:///x" too
 *   if (!warden::is_lower_case_url_scheme(configured))  // a config's spelling, exactly
 */
#ifndef WARDEN_URL_SCHEME_HPP
#define WARDEN_URL_SCHEME_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "warden/ascii.hpp"

namespace warden {

inline constexpr std::size_t max_url_scheme_bytes = 64;

// An ASCII letter (kept under this name for the code that used it before ascii.hpp).
inline bool is_ascii_letter(char c) { return is_ascii_alpha(c); }

// Whether `c` may stand in a scheme; `first` for its first character, which must be a letter.
inline bool is_url_scheme_character(char c, bool first) {
  if (is_ascii_letter(c)) return true;
  return !first && (is_ascii_digit(c) || c == '+' || c == '-' || c == '.');
}

// Whether all of `text` is a scheme (without its ':'), in any case.
inline bool is_url_scheme(std::string_view text) {
  if (text.empty() || text.size() > max_url_scheme_bytes) return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!is_url_scheme_character(text[i], i == 0)) return false;
  return true;
}

// Whether all of `text` is a scheme written in lower case (how a config must name one).
inline bool is_lower_case_url_scheme(std::string_view text) {
  if (!is_url_scheme(text)) return false;
  return ascii_lower(text) == text;
}

// `text` as a scheme in lower case (ASCII only), or nullopt when all of it is not a scheme.
inline std::optional<std::string> lower_case_url_scheme(std::string_view text) {
  if (!is_url_scheme(text)) return std::nullopt;
  return ascii_lower(text);
}

// The scheme `url` starts with (the text before its first ':'), in lower case; nullopt when it
// has no ':' or that text is not a scheme ("/a/b:c", ":x", "1a:x", "--flag").
inline std::optional<std::string> url_scheme(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return lower_case_url_scheme(url.substr(0, colon));
}

}  // namespace warden

#endif
