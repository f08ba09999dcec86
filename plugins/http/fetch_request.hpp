#pragma once
// The page's fetch: @tauri-apps/plugin-http 2.7.0 sends
//   {clientConfig: {method, url, headers: [[name, value]...], data: [byte...]|null,
//                   maxRedirections?, connectTimeout?, proxy?, danger?}}
// and this is that request once every rule has been applied: the URL parsed for libcurl, the
// method checked, the headers filtered (warden/fetch_headers.hpp), the body capped, and the options that
// weaken the connection (proxy, danger) refused unless the app config allows them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include <warden/fetch_headers.hpp>
#include "http_settings.hpp"
#include "http_url.hpp"

namespace warden::http_plugin {

struct PageProxy {
  bool set = false;
  std::string url, username, password, no_proxy;
};

struct FetchRequest {
  std::string method;
  std::string page_url;  // as the page wrote it (judged by the scope, as is url.text)
  HttpUrl url;
  HeaderList headers;  // lower-case names, after the rules, with Origin and User-Agent
  std::vector<std::string> dropped_headers;
  bool has_body = false;
  std::vector<std::uint8_t> body;
  long max_redirections = 0;
  long connect_timeout_ms = 0;
  PageProxy http_proxy, https_proxy;  // the page's, per scheme of the URL requested
  bool accept_invalid_certs = false;
  bool accept_invalid_hostnames = false;
};

// The largest number of redirects a page may ask to follow.
inline constexpr long kMostRedirections = 50;

// What the refusal of an oversized body says (also used before the arguments are parsed).
std::string body_too_large_message(const HttpSettings& settings);

// Throws std::invalid_argument with a message for the page: a bad URL, method, header, body, or an
// option the app config does not allow (naming the plugins.http key that would).
// `caller_origin` is the calling frame's origin, sent as Origin (Tauri sends the webview's).
// `read_body`: the body read_fetch_arguments already took out of the text (then clientConfig.data
// is not looked at); null to read it from clientConfig.data.
FetchRequest parse_fetch_request(const boost::json::object& client_config, const HttpSettings& settings,
                                 std::string_view caller_origin, std::string_view user_agent,
                                 std::optional<std::vector<std::uint8_t>>* read_body = nullptr);

}  // namespace warden::http_plugin
