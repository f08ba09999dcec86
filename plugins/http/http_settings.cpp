#include "http_settings.hpp"

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

bool flag(const json::value& v, const std::string& key) {
  if (!v.is_bool()) throw std::invalid_argument("plugins.http." + key + " must be true or false");
  return v.as_bool();
}

std::uint64_t positive(const json::value& v, const std::string& key, std::uint64_t most) {
  std::uint64_t n = 0;
  if (v.is_uint64()) n = v.as_uint64();
  else if (v.is_int64() && v.as_int64() > 0) n = static_cast<std::uint64_t>(v.as_int64());
  if (n == 0 || n > most)
    throw std::invalid_argument("plugins.http." + key + " must be a whole number from 1 to " + std::to_string(most));
  return n;
}

}  // namespace

HttpSettings parse_http_settings(const json::value& config) {
  HttpSettings s;
  if (config.is_null()) return s;
  if (!config.is_object()) throw std::invalid_argument("plugins.http must be an object");
  for (const auto& [key_view, value] : config.as_object()) {
    std::string key(key_view);
    if (key == "maxRequestBodyBytes") s.max_request_body_bytes = positive(value, key, 1ull << 30);
    else if (key == "connectTimeoutMs") s.connect_timeout_ms = static_cast<long>(positive(value, key, 300'000));
    else if (key == "allowUnsafeHeaders") s.allow_unsafe_headers = flag(value, key);
    else if (key == "allowDangerousSettings") s.allow_dangerous_settings = flag(value, key);
    else if (key == "allowPageProxy") s.allow_page_proxy = flag(value, key);
    else if (key == "persistCookies") s.persist_cookies = flag(value, key);
    else
      throw std::invalid_argument("plugins.http." + key +
                                  " is not a setting of the http plugin (maxRequestBodyBytes, connectTimeoutMs, "
                                  "allowUnsafeHeaders, allowDangerousSettings, allowPageProxy, persistCookies)");
  }
  return s;
}

}  // namespace warden::http_plugin
