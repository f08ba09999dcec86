/*
 * Warden plugin SDK, C++ helper (header-only, no host header): the mailto: attachment rule of
 * docs/security.md for any plugin that hands a page's URL to the desktop (shell's open, opener's
 * open_url).
 *
 * A mailto: URL whose header fields ask the mail client to attach a local file (attach=,
 * attachment=, X-Attach=, ... however encoded or cased) must be refused whatever the scope says:
 * Evolution, KMail, Claws and Thunderbird's -compose honour such a field, and the message goes to
 * an address the page chose, so a page allowed to open mailto: links could mail out any file the
 * user can read. Refuse it as a scope refusal (warden::ScopeRefused) naming the field.
 *
 *   if (auto field = warden::mailto_attachment_field(url))
 *     throw warden::ScopeRefused("mailto: URL with the field '" + *field + "', which attaches a local file");
 */
#ifndef WARDEN_MAILTO_HPP
#define WARDEN_MAILTO_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "warden/ascii.hpp"

namespace warden {
namespace mailto_detail {

inline int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One pass of percent-decoding; a '%' without two hex digits after it is kept as written.
inline std::string decode_once(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    int hi = -1, lo = -1;
    if (text[i] == '%' && i + 2 < text.size() && (hi = hex_digit(text[i + 1])) >= 0 &&
        (lo = hex_digit(text[i + 2])) >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// Blanks and control characters: clients skip them, so they must not hide a name from the check.
inline bool ignorable(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

// ASCII case only: through <cctype>, a Turkish locale read "MAILTO:" as "ma\xfdlto:", no mailto:
// URL, and let its attach= field through.
inline bool has_mailto_scheme(std::string_view url) { return ascii_istarts_with(url, "mailto:"); }

}  // namespace mailto_detail

// The name of the first header field of the mailto: URL `url` (scheme in any case, after leading
// blanks) whose name, once percent-decoded until it no longer changes and stripped of blanks and
// control characters, contains "attach"; fields are split at '?', '&' and ';' since clients
// differ. A URL encoded more than 32 times over answers a description of that (refuse it too).
// nullopt when `url` is not a mailto: URL or has no such field.
inline std::optional<std::string> mailto_attachment_field(std::string_view url) {
  using namespace mailto_detail;
  std::size_t start = 0;
  while (start < url.size() && ignorable(url[start])) ++start;
  url.remove_prefix(start);
  if (!has_mailto_scheme(url)) return std::nullopt;
  // A page can encode a field name several times over, hoping a client decodes once more than
  // this check: decode until nothing changes (a fixed point), refusing absurd nesting.
  std::string text(url.substr(7));
  for (int pass = 0;; ++pass) {
    std::string decoded = decode_once(text);
    if (decoded == text) break;
    if (pass == 32) return std::string("(percent-encoded more than 32 times over)");
    text = std::move(decoded);
  }
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of("?&;", begin);
    if (end == std::string::npos) end = text.size();
    std::string_view field(text.data() + begin, end - begin);
    if (std::size_t equals = field.find('='); equals != std::string_view::npos) {
      std::string name;
      for (char c : field.substr(0, equals))
        if (!ignorable(c)) name.push_back(ascii_lower(c));
      if (name.find("attach") != std::string::npos) return std::string(field.substr(0, equals));
    }
    begin = end + 1;
  }
  return std::nullopt;
}

}  // namespace warden

#endif /* WARDEN_MAILTO_HPP */
