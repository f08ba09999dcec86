/*
 * Warden plugin SDK, C++ helper (header-only, no host header): the request header rules of the
 * Fetch standard for any plugin that sends an HTTP request whose method or headers a page chose
 * (the http plugin's fetch; the updater's configured headers).
 *
 * The standard's forbidden request headers (https://fetch.spec.whatwg.org/#forbidden-request-header)
 * are the ones a browser never lets a page choose, because they describe the connection or carry
 * the user's ambient credentials. A header whose name is not a token or whose value holds CR, LF
 * or NUL would end the header or the request early (header injection): it is refused, never
 * dropped quietly.
 *
 *   warden::HeaderVerdict v = warden::filter_request_headers(page_headers, allow_unsafe);  // throws
 *   for (const auto& [name, value] : v.kept) ...  // names lower case, values trimmed
 */
#ifndef WARDEN_FETCH_HEADERS_HPP
#define WARDEN_FETCH_HEADERS_HPP

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warden/ascii.hpp"  // ascii_lower, once defined here, now comes from there

namespace warden {

// Header (name, value) pairs in the order they are sent.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// `s` without the blanks HTTP allows around a header value (spaces and tabs; with
// `line_ends`, also the CR and LF that end a raw header line).
inline std::string_view trim_blanks(std::string_view s, bool line_ends = false) {
  auto blank = [line_ends](char c) { return c == ' ' || c == '\t' || (line_ends && (c == '\r' || c == '\n')); };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// An RFC 9110 token (a header name or a method): one or more of !#$%&'*+-.^_`|~, digits, letters.
inline bool is_token(std::string_view text) {
  if (text.empty()) return false;
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return std::all_of(text.begin(), text.end(),
                     [&](char c) { return is_ascii_alnum(c) || extra.find(c) != std::string_view::npos; });
}

// A header value may not hold CR, LF or NUL (they would end the header or the request early).
inline bool is_valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// CONNECT, TRACE and TRACK (any case): a page may never send them.
inline bool is_forbidden_method(std::string_view method) {
  std::string m = ascii_lower(method);
  return m == "connect" || m == "trace" || m == "track";
}

// The method as sent: DELETE, GET, HEAD, OPTIONS, POST and PUT upper-cased (the Fetch standard's
// normalization), any other token as written.
inline std::string normalize_method(std::string_view method) {
  std::string upper = ascii_upper(method);
  for (std::string_view known : {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})
    if (upper == known) return upper;
  return std::string(method);
}

namespace fetch_headers_detail {

inline constexpr std::array<std::string_view, 21> kForbiddenNames{
    "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
    "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
    "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via"};

// X-HTTP-Method and its kin carry a method in their value: a comma-separated list, forbidden when
// any item names a forbidden method (so that a server honoring them cannot be made to TRACE).
inline bool names_forbidden_method(std::string_view value) {
  while (true) {
    auto comma = value.find(',');
    if (is_forbidden_method(trim_blanks(value.substr(0, comma)))) return true;
    if (comma == std::string_view::npos) return false;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace fetch_headers_detail

// The Fetch standard's forbidden request header: the names of its list, any Proxy-* and Sec-*
// name, and X-HTTP-Method(-Override) / X-Method-Override whose value names a forbidden method.
inline bool is_forbidden_header(std::string_view name, std::string_view value) {
  using fetch_headers_detail::kForbiddenNames;
  std::string n = ascii_lower(name);
  if (std::find(kForbiddenNames.begin(), kForbiddenNames.end(), n) != kForbiddenNames.end()) return true;
  if (n.starts_with("proxy-") || n.starts_with("sec-")) return true;
  if (n == "x-http-method" || n == "x-http-method-override" || n == "x-method-override")
    return fetch_headers_detail::names_forbidden_method(value);
  return false;
}

struct HeaderVerdict {
  HeaderList kept;                   // names lower-cased, values without surrounding blanks
  std::vector<std::string> dropped;  // forbidden names left out (for the log)
};

// The page's headers after the rules: throws std::invalid_argument naming the first header whose
// name is not a token or whose value holds CR, LF or NUL; drops forbidden ones unless
// `allow_unsafe`.
inline HeaderVerdict filter_request_headers(const HeaderList& headers, bool allow_unsafe) {
  HeaderVerdict verdict;
  for (const auto& [name, raw_value] : headers) {
    if (!is_token(name)) throw std::invalid_argument("header name '" + name + "' is not a valid HTTP token");
    if (!is_valid_header_value(raw_value))
      throw std::invalid_argument("the value of header '" + name + "' holds CR, LF or NUL");
    std::string value(trim_blanks(raw_value));
    if (!allow_unsafe && is_forbidden_header(name, value)) {
      verdict.dropped.push_back(ascii_lower(name));
      continue;
    }
    verdict.kept.emplace_back(ascii_lower(name), std::move(value));
  }
  return verdict;
}

// The value of the first header named `name` (names compared as stored: lower case after
// filter_request_headers), if any.
inline std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return std::nullopt;
}

// `headers` without those named `name` (compared as stored).
inline void remove_header(HeaderList& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& h) { return h.first == name; });
}

}  // namespace warden

#endif
