#pragma once
// A URL the plugin may connect to, as libcurl parses it. The scope judges the URL text the page
// gave and, too, libcurl's own serialization of it, and libcurl connects to exactly that
// serialization: were the page's text read one way by the URL-standard matcher and another way
// by libcurl (a backslash, a stray '@'), the URL that connects would still be one the scope saw.
#include <optional>
#include <string>
#include <string_view>

namespace warden::http_plugin {

struct HttpUrl {
  std::string text;    // libcurl's serialization, what is requested
  std::string scheme;  // "http" or "https"
  std::string host;    // lower case
  long port = 0;       // explicit or the scheme's default
  // Same scheme, host and port (a browser's origin).
  bool same_origin(const HttpUrl& other) const {
    return scheme == other.scheme && host == other.host && port == other.port;
  }
  std::string origin() const;
};

// `url` parsed, or nullopt with `problem` set: not absolute, not http(s), blanks or control
// characters or a backslash in it, no host, a host ending with a dot or an IPv4-mapped IPv6 one
// (the same server as another spelling a deny entry names).
std::optional<HttpUrl> parse_http_url(std::string_view url, std::string& problem);

// `location` (a Location header, absolute or relative) resolved against `base`; nullopt with
// `problem` when the result is not an http(s) URL as parse_http_url says.
std::optional<HttpUrl> resolve_location(const HttpUrl& base, std::string_view location, std::string& problem);

}  // namespace warden::http_plugin
