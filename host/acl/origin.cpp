#include "acl/origin.hpp"

#include <optional>

#include "acl/whatwg_url.hpp"

namespace warden::acl {

namespace {

// The URL whose scheme, host and port are `url`'s origin: itself, or for a blob: URL the http(s)
// URL it was made from.
std::optional<whatwg::Url> url_with_origin(std::string_view url) {
  if (auto parsed = whatwg::parse_url(url)) return parsed;
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || whatwg::lowered(url.substr(0, colon)) != "blob") return std::nullopt;
  auto inner = whatwg::parse_url(url.substr(colon + 1));
  if (inner && (inner->scheme == "http" || inner->scheme == "https")) return inner;
  return std::nullopt;
}

}  // namespace

std::string origin_of_url(std::string_view url) {
  auto parsed = url_with_origin(url);
  if (!parsed || parsed->host.empty()) return std::string(kOpaqueOrigin);
  std::string origin = parsed->scheme + "://" + parsed->host;
  if (!parsed->port.empty()) origin += ":" + parsed->port;
  return origin;
}

// WebKit gives URLs serialized (lowercase scheme and host, default port dropped), so "origin,
// then '/' or the end" settles most calls without parsing; anything else (userinfo, a
// backslash, an odd spelling) is parsed.
bool url_has_origin(std::string_view url, std::string_view origin) {
  if (origin.empty() || origin == kOpaqueOrigin) return false;
  if (url.size() >= origin.size() && url.substr(0, origin.size()) == origin &&
      (url.size() == origin.size() || url[origin.size()] == '/'))
    return true;
  return origin_of_url(url) == origin;
}

}  // namespace warden::acl
