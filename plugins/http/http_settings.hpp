#pragma once
// The app config's plugins.http (docs/plugins/http.md). Every key is optional; an unknown key or a
// value of the wrong type refuses the plugin at init, naming it, so a misspelt safety setting never
// passes unseen. Tauri decides these at build time with Cargo features (`unsafe-headers`,
// `dangerous-settings`); a Warden app decides them in its config.
#include <cstdint>

#include <boost/json/value.hpp>

namespace warden::http_plugin {

struct HttpSettings {
  // Largest request body a page may send (the pinned package sends it whole, as a JSON array).
  std::uint64_t max_request_body_bytes = 16ull << 20;
  // Connect timeout when the page gives none, and the largest it may ask for.
  long connect_timeout_ms = 30'000;
  long max_connect_timeout_ms = 300'000;
  // Tauri's `unsafe-headers`: the page may set the Fetch standard's forbidden headers.
  bool allow_unsafe_headers = false;
  // Tauri's `dangerous-settings`: the page's `danger` (acceptInvalidCerts, acceptInvalidHostnames).
  bool allow_dangerous_settings = false;
  // The page's `proxy` option (else only the environment's http_proxy/https_proxy/no_proxy).
  bool allow_page_proxy = false;
  // Tauri's `cookies` feature: cookies with an expiry kept in $APPCACHE/.cookies across runs.
  bool persist_cookies = false;
};

// Throws std::invalid_argument naming the key.
HttpSettings parse_http_settings(const boost::json::value& config);

}  // namespace warden::http_plugin
