#include "updater_config.hpp"

#include <stdexcept>

#include "warden/ascii.hpp"

namespace warden::updater {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::invalid_argument("plugins.updater." + key + ": " + what);
}

bool bool_of(const json::value& v, const std::string& key) {
  if (!v.is_bool()) bad(key, "must be true or false");
  return v.get_bool();
}

uint64_t positive_of(const json::value& v, const std::string& key, uint64_t max) {
  uint64_t n = 0;
  if (v.is_uint64()) n = v.get_uint64();
  else if (v.is_int64() && v.get_int64() > 0) n = static_cast<uint64_t>(v.get_int64());
  if (n == 0 || n > max) bad(key, "must be a whole number from 1 to " + std::to_string(max));
  return n;
}

bool starts_with_ci(const std::string& s, std::string_view prefix) { return warden::ascii_istarts_with(s, prefix); }

}  // namespace

std::optional<std::string> header_problem(const std::string& name, const std::string& value) {
  if (!warden::is_token(name)) return "the header name '" + name + "' is not an HTTP token";
  if (!warden::is_valid_header_value(value)) return "the value of header '" + name + "' holds CR, LF or NUL";
  return std::nullopt;
}

UpdaterConfig parse_updater_config(const json::value& config) {
  UpdaterConfig out;
  if (config.is_null()) return out;
  if (!config.is_object()) bad("", "must be an object");
  const json::object& o = config.get_object();
  if (o.empty()) return out;
  out.configured = true;
  for (const auto& [key_view, v] : o) {
    std::string key(key_view);
    if (key == "endpoints") {
      if (!v.is_array()) bad(key, "must be an array of URLs");
      for (const json::value& e : v.get_array()) {
        if (!e.is_string() || e.get_string().empty()) bad(key, "must be an array of URLs (strings)");
        out.endpoints.emplace_back(e.get_string());
      }
    } else if (key == "pubkey") {
      if (!v.is_string() || v.get_string().empty())
        bad(key, "must be the public key: the base64 of a minisign .pub file, as Tauri's pubkey");
      out.pubkey = std::string(v.get_string());
    } else if (key == "dangerousInsecureTransportProtocol") {
      out.insecure_transport = bool_of(v, key);
    } else if (key == "headers") {
      if (!v.is_object()) bad(key, "must be an object of header names to string values");
      for (const auto& [name, value] : v.get_object()) {
        if (!value.is_string()) bad(key, "the value of '" + std::string(name) + "' must be a string");
        if (auto problem = header_problem(std::string(name), std::string(value.get_string()))) bad(key, *problem);
        out.headers.emplace_back(std::string(name), std::string(value.get_string()));
      }
    } else if (key == "timeout") {
      out.timeout_ms = positive_of(v, key, 24ull * 3600 * 1000);
    } else if (key == "maxArchiveBytes") {
      out.max_archive_bytes = positive_of(v, key, kMaxArchiveBytesLimit);
    } else if (key == "allowDowngrades") {
      out.allow_downgrades = bool_of(v, key);
    } else if (key == "allowPageProxy") {
      out.allow_page_proxy = bool_of(v, key);
    } else if (key == "windows") {
      if (!v.is_object()) bad(key, "must be an object (Tauri's Windows installer options; unused on Linux)");
    } else {
      bad(key, "unknown key (known: endpoints, pubkey, dangerousInsecureTransportProtocol, headers, timeout, "
               "maxArchiveBytes, allowDowngrades, allowPageProxy, windows)");
    }
  }
  if (out.pubkey.empty()) bad("pubkey", "is required: the key that signs this app's updates");
  return out;
}

bool url_scheme_allowed(const std::string& url, bool insecure_transport) {
  return starts_with_ci(url, "https://") || (insecure_transport && starts_with_ci(url, "http://"));
}

std::optional<std::string> endpoints_problem(const UpdaterConfig& config) {
  if (!config.configured)
    return "the updater is not configured: add plugins.updater with endpoints and pubkey to warden.conf.json";
  if (config.endpoints.empty()) return "plugins.updater.endpoints is empty: no update server to ask";
  for (size_t i = 0; i < config.endpoints.size(); ++i)
    if (!url_scheme_allowed(config.endpoints[i], config.insecure_transport))
      return "plugins.updater.endpoints[" + std::to_string(i) +
             "] is not an https URL; plain http is refused unless plugins.updater."
             "dangerousInsecureTransportProtocol is true";
  return std::nullopt;
}

}  // namespace warden::updater
