#include "fetch_request.hpp"

#include <algorithm>
#include <climits>
#include <stdexcept>

#include <boost/json.hpp>

#include "redirect_rules.hpp"

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

bool absent(const json::value* v) { return !v || v->is_null(); }

const json::value* member(const json::object& o, std::string_view key) { return o.if_contains(key); }

std::string required_string(const json::object& o, std::string_view key) {
  const json::value* v = member(o, key);
  if (!v || !v->is_string()) throw std::invalid_argument("clientConfig." + std::string(key) + " must be a string");
  return std::string(v->as_string());
}

long optional_count(const json::object& o, std::string_view key, long fallback) {
  const json::value* v = member(o, key);
  if (absent(v)) return fallback;
  if (v->is_int64() && v->as_int64() >= 0) return static_cast<long>(std::min<std::int64_t>(v->as_int64(), LONG_MAX));
  if (v->is_uint64()) return LONG_MAX;
  if (v->is_double() && v->as_double() >= 0 && v->as_double() < 1e15) return static_cast<long>(v->as_double());
  throw std::invalid_argument("clientConfig." + std::string(key) + " must be a number of 0 or more");
}

HeaderList page_headers(const json::object& o) {
  HeaderList out;
  const json::value* v = member(o, "headers");
  if (absent(v)) return out;
  if (!v->is_array()) throw std::invalid_argument("clientConfig.headers must be a list of [name, value] pairs");
  for (const json::value& pair : v->as_array()) {
    const json::array* a = pair.if_array();
    if (!a || a->size() != 2 || !(*a)[0].is_string() || !(*a)[1].is_string())
      throw std::invalid_argument("clientConfig.headers must be a list of [name, value] pairs of strings");
    out.emplace_back(std::string((*a)[0].as_string()), std::string((*a)[1].as_string()));
  }
  return out;
}

void read_body(const json::object& o, const HttpSettings& settings, FetchRequest& r) {
  const json::value* v = member(o, "data");
  if (absent(v)) return;
  if (!v->is_array()) throw std::invalid_argument("clientConfig.data must be a list of bytes or null");
  const json::array& bytes = v->as_array();
  if (bytes.size() > settings.max_request_body_bytes) throw std::invalid_argument(body_too_large_message(settings));
  r.body.reserve(bytes.size());
  for (const json::value& b : bytes) {
    std::int64_t n = b.is_int64() ? b.as_int64() : b.is_uint64() ? 256 : -1;
    if (n < 0 || n > 255) throw std::invalid_argument("clientConfig.data must hold numbers from 0 to 255");
    r.body.push_back(static_cast<std::uint8_t>(n));
  }
  r.has_body = true;
}

PageProxy proxy_entry(const json::value& v, const char* which) {
  PageProxy p;
  p.set = true;
  if (v.is_string()) {
    p.url = std::string(v.as_string());
  } else if (const json::object* o = v.if_object()) {
    for (const auto& [key, value] : *o)
      if (key != "url" && key != "basicAuth" && key != "noProxy")
        throw std::invalid_argument(std::string("clientConfig.proxy.") + which + "." + std::string(key) +
                                    " is not a proxy option this Warden knows (url, basicAuth, noProxy)");
    p.url = required_string(*o, "url");
    if (const json::value* auth = o->if_contains("basicAuth"); !absent(auth)) {
      if (!auth->is_object()) throw std::invalid_argument("proxy basicAuth must be {username, password}");
      p.username = required_string(auth->as_object(), "username");
      p.password = required_string(auth->as_object(), "password");
    }
    if (const json::value* np = o->if_contains("noProxy"); !absent(np)) {
      if (!np->is_string()) throw std::invalid_argument("proxy noProxy must be a string");
      p.no_proxy = std::string(np->as_string());
    }
  } else {
    throw std::invalid_argument(std::string("clientConfig.proxy.") + which + " must be a URL or {url, ...}");
  }
  if (p.url.find("://") == std::string::npos || !is_valid_header_value(p.url) ||
      !(p.url.starts_with("http://") || p.url.starts_with("https://") || p.url.starts_with("socks5://") ||
        p.url.starts_with("socks5h://")))
    throw std::invalid_argument(std::string("clientConfig.proxy.") + which +
                                " must be an http, https, socks5 or socks5h URL");
  return p;
}

void read_proxy(const json::object& o, const HttpSettings& settings, FetchRequest& r) {
  const json::value* v = member(o, "proxy");
  if (absent(v)) return;
  if (!settings.allow_page_proxy)
    throw std::invalid_argument(
        "the proxy option is refused: the app config does not set plugins.http.allowPageProxy (the environment's "
        "http_proxy, https_proxy and no_proxy apply)");
  if (!v->is_object()) throw std::invalid_argument("clientConfig.proxy must be {all?, http?, https?}");
  const json::object& p = v->as_object();
  for (const auto& [key, value] : p) {
    if (value.is_null()) continue;
    if (key == "all") r.http_proxy = r.https_proxy = proxy_entry(value, "all");
    else if (key != "http" && key != "https")
      throw std::invalid_argument("clientConfig.proxy." + std::string(key) + " is not a proxy option");
  }
  if (const json::value* h = p.if_contains("http"); !absent(h)) r.http_proxy = proxy_entry(*h, "http");
  if (const json::value* h = p.if_contains("https"); !absent(h)) r.https_proxy = proxy_entry(*h, "https");
}

void read_danger(const json::object& o, const HttpSettings& settings, FetchRequest& r) {
  const json::value* v = member(o, "danger");
  if (absent(v)) return;
  if (!v->is_object()) throw std::invalid_argument("clientConfig.danger must be {acceptInvalidCerts, acceptInvalidHostnames}");
  for (const auto& [key, value] : v->as_object()) {
    if (value.is_null()) continue;
    if (!value.is_bool()) throw std::invalid_argument("clientConfig.danger." + std::string(key) + " must be true or false");
    if (key == "acceptInvalidCerts") r.accept_invalid_certs = value.as_bool();
    else if (key == "acceptInvalidHostnames") r.accept_invalid_hostnames = value.as_bool();
    else throw std::invalid_argument("clientConfig.danger." + std::string(key) + " is not a danger option");
  }
  if ((r.accept_invalid_certs || r.accept_invalid_hostnames) && !settings.allow_dangerous_settings)
    throw std::invalid_argument(
        "the danger option is refused: the app config does not set plugins.http.allowDangerousSettings (TLS "
        "certificates and host names are always verified)");
}

// Origin as Tauri sends it: the caller's, never the page's own choice unless unsafe headers are
// allowed (then the page's value is kept, and an empty one removes the header).
void set_origin(HeaderList& headers, bool allow_unsafe, std::string_view caller_origin) {
  if (allow_unsafe) {
    if (auto page = find_header(headers, "origin")) {
      if (page->empty()) remove_header(headers, "origin");
      return;
    }
  }
  remove_header(headers, "origin");
  if (!caller_origin.empty() && caller_origin != "null") headers.emplace_back("origin", std::string(caller_origin));
}

}  // namespace

std::string body_too_large_message(const HttpSettings& settings) {
  return "the request body is larger than " + std::to_string(settings.max_request_body_bytes) +
         " bytes, the most plugins.http.maxRequestBodyBytes allows";
}

FetchRequest parse_fetch_request(const json::object& config, const HttpSettings& settings,
                                 std::string_view caller_origin, std::string_view user_agent,
                                 std::optional<std::vector<std::uint8_t>>* pre_read) {
  FetchRequest r;
  std::string method = required_string(config, "method");
  if (!is_token(method)) throw std::invalid_argument("'" + method + "' is not a valid HTTP method");
  if (is_forbidden_method(method)) throw std::invalid_argument("the method " + method + " may not be sent");
  r.method = normalize_method(method);

  r.page_url = required_string(config, "url");
  std::string problem;
  auto url = parse_http_url(r.page_url, problem);
  if (!url) throw std::invalid_argument(problem);
  r.url = *url;

  HeaderVerdict verdict = filter_request_headers(page_headers(config), settings.allow_unsafe_headers);
  r.headers = std::move(verdict.kept);
  r.dropped_headers = std::move(verdict.dropped);
  set_origin(r.headers, settings.allow_unsafe_headers, caller_origin);
  if (!find_header(r.headers, "user-agent")) r.headers.emplace_back("user-agent", std::string(user_agent));

  if (!pre_read) {
    read_body(config, settings, r);
  } else if (*pre_read) {
    if ((*pre_read)->size() > settings.max_request_body_bytes) throw std::invalid_argument(body_too_large_message(settings));
    r.body = std::move(**pre_read);
    r.has_body = true;
  }
  if (r.has_body && (r.method == "GET" || r.method == "HEAD"))
    throw std::invalid_argument("a " + r.method + " request cannot have a body");

  r.max_redirections = optional_count(config, "maxRedirections", kDefaultMaxRedirections);
  if (r.max_redirections > kMostRedirections)
    throw std::invalid_argument("maxRedirections may be at most " + std::to_string(kMostRedirections));
  long timeout = optional_count(config, "connectTimeout", settings.connect_timeout_ms);
  r.connect_timeout_ms = std::clamp(timeout, 1L, settings.max_connect_timeout_ms);

  read_proxy(config, settings, r);
  read_danger(config, settings, r);
  return r;
}

}  // namespace warden::http_plugin
