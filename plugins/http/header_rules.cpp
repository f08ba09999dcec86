#include "header_rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace warden::http_plugin {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

constexpr std::array<std::string_view, 21> kForbiddenNames{
    "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
    "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
    "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via"};

// X-HTTP-Method and its kin carry a method in their value: a comma-separated list, forbidden when
// any item names a forbidden method (the standard's rule, so that a server honoring them cannot be
// made to TRACE).
bool names_forbidden_method(std::string_view value) {
  while (true) {
    auto comma = value.find(',');
    if (is_forbidden_method(trim(value.substr(0, comma)))) return true;
    if (comma == std::string_view::npos) return false;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

bool is_token(std::string_view text) {
  if (text.empty()) return false;
  constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(c) != std::string_view::npos;
  });
}

bool is_valid_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool is_forbidden_method(std::string_view method) {
  std::string m = lower(method);
  return m == "connect" || m == "trace" || m == "track";
}

std::string normalize_method(std::string_view method) {
  std::string upper(method);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  for (std::string_view known : {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})
    if (upper == known) return upper;
  return std::string(method);
}

bool is_forbidden_header(std::string_view name, std::string_view value) {
  std::string n = lower(name);
  if (std::find(kForbiddenNames.begin(), kForbiddenNames.end(), n) != kForbiddenNames.end()) return true;
  if (n.starts_with("proxy-") || n.starts_with("sec-")) return true;
  if (n == "x-http-method" || n == "x-http-method-override" || n == "x-method-override")
    return names_forbidden_method(value);
  return false;
}

HeaderVerdict filter_request_headers(const HeaderList& headers, bool allow_unsafe) {
  HeaderVerdict verdict;
  for (const auto& [name, raw_value] : headers) {
    if (!is_token(name)) throw std::invalid_argument("header name '" + name + "' is not a valid HTTP token");
    if (!is_valid_header_value(raw_value))
      throw std::invalid_argument("the value of header '" + name + "' holds CR, LF or NUL");
    std::string value(trim(raw_value));
    if (!allow_unsafe && is_forbidden_header(name, value)) {
      verdict.dropped.push_back(lower(name));
      continue;
    }
    verdict.kept.emplace_back(lower(name), std::move(value));
  }
  return verdict;
}

namespace {

bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 4;
    if (n == 4 || i + n >= s.size()) return false;  // a bad lead byte, or a sequence cut short
    std::uint32_t cp = n == 0 ? c : c & (0x3f >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

std::string header_text(std::string_view bytes) {
  if (is_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xc0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return out;
}

std::optional<std::string> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers)
    if (n == name) return v;
  return std::nullopt;
}

void remove_header(HeaderList& headers, std::string_view name) {
  std::erase_if(headers, [&](const auto& h) { return h.first == name; });
}

}  // namespace warden::http_plugin
