#include "http_url.hpp"

#include <warden/fetch_headers.hpp>

#include <curl/curl.h>

#include <memory>

namespace warden::http_plugin {
namespace {

struct UrlHandleDelete {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlHandleDelete>;

std::optional<std::string> part(CURLU* u, CURLUPart which, unsigned flags = 0) {
  char* text = nullptr;
  if (curl_url_get(u, which, &text, flags) != CURLUE_OK || !text) return std::nullopt;
  std::string out(text);
  curl_free(text);
  return out;
}

bool has_forbidden_character(std::string_view url) {
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f || c == '\\') return true;
  return false;
}

std::optional<HttpUrl> describe(CURLU* u, std::string& problem) {
  auto scheme = part(u, CURLUPART_SCHEME);
  if (!scheme || (*scheme != "http" && *scheme != "https")) {
    problem = "only http and https URLs can be fetched";
    return std::nullopt;
  }
  auto host = part(u, CURLUPART_HOST);
  auto port = part(u, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  auto text = part(u, CURLUPART_URL);
  if (!host || host->empty() || !port || !text) {
    problem = "the URL has no host";
    return std::nullopt;
  }
  // Spellings that reach a server under another name than a pattern sees (docs/url-patterns.md,
  // "What a deny entry does not cover"): a trailing dot, which DNS ignores, and an IPv4-mapped
  // IPv6 address. Refused, so that a deny entry naming the server cannot be stepped around so.
  if (host->back() == '.') {
    problem = "a host ending with a dot is refused (it names the same server as without the dot)";
    return std::nullopt;
  }
  std::string lower_host = ascii_lower(*host);
  if (lower_host.starts_with("[::ffff:") || lower_host.starts_with("[0:0:0:0:0:ffff:")) {
    problem = "an IPv4-mapped IPv6 host is refused (write the IPv4 address)";
    return std::nullopt;
  }
  HttpUrl url;
  url.text = *text;
  url.scheme = *scheme;
  url.host = *host;
  for (char& c : url.host) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  url.port = std::stol(*port);
  return url;
}

}  // namespace

std::string HttpUrl::origin() const {
  long standard = scheme == "https" ? 443 : 80;
  return scheme + "://" + host + (port == standard ? "" : ":" + std::to_string(port));
}

std::optional<HttpUrl> parse_http_url(std::string_view url, std::string& problem) {
  if (has_forbidden_character(url)) {
    problem = "the URL holds a blank, a control character or a backslash";
    return std::nullopt;
  }
  UrlHandle u(curl_url());
  std::string text(url);
  // No CURLU_GUESS_SCHEME, no CURLU_NON_SUPPORT_SCHEME: an absolute URL of a scheme libcurl knows.
  if (!u || curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    problem = "the URL does not parse as an absolute URL";
    return std::nullopt;
  }
  return describe(u.get(), problem);
}

std::optional<HttpUrl> resolve_location(const HttpUrl& base, std::string_view location, std::string& problem) {
  if (has_forbidden_character(location)) {
    problem = "the Location holds a blank, a control character or a backslash";
    return std::nullopt;
  }
  UrlHandle u(curl_url());
  std::string text(location);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, base.text.c_str(), 0) != CURLUE_OK ||
      curl_url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    problem = "the Location does not parse as a URL";
    return std::nullopt;
  }
  return describe(u.get(), problem);
}

}  // namespace warden::http_plugin
