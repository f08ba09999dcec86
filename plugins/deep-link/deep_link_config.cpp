#include "deep_link_config.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include <boost/json.hpp>

namespace json = boost::json;

namespace warden::deep_link_plugin {
namespace {

// The web and its neighbours, mail and telephony, files and shares, the desktop's own places,
// and Warden's own page schemes (app:, asset:, ipc:) with Tauri's.
constexpr std::string_view kReserved[] = {
    "http",    "https",   "ws",       "wss",      "ftp",      "ftps",  "sftp",   "file",    "data",   "blob",
    "javascript", "about", "view-source", "chrome", "resource", "feed", "mailto", "tel",    "sms",    "smsto",
    "mms",     "callto",  "sip",      "sips",     "facetime", "xmpp",  "irc",    "ircs",    "news",   "nntp",
    "ssh",     "telnet",  "smb",      "nfs",      "afp",      "dav",   "davs",   "webdav",  "ldap",   "ldaps",
    "magnet",  "webcal",  "geo",      "rtsp",     "trash",    "computer", "network", "recent", "burn", "man",
    "help",    "app",     "asset",    "ipc",      "tauri",    "warden"};

[[noreturn]] void refuse(const std::string& what) { throw std::invalid_argument("plugins.deep-link." + what); }

void read_scheme(const json::value& value, const std::string& where, DeepLinkConfig& out) {
  if (!value.is_string()) refuse(where + " must be a string");
  std::string scheme(value.get_string());
  if (!warden::is_lower_case_url_scheme(scheme))
    refuse(where + " '" + scheme.substr(0, max_scheme_bytes) +
           "' is not a URL scheme: a lower-case letter, then lower-case letters, digits, '+', '-' or '.' (at most " +
           std::to_string(max_scheme_bytes) + ")");
  if (auto why = reserved_scheme(scheme)) refuse(where + " '" + scheme + "' cannot be a deep-link scheme: " + *why);
  if (out.handles(scheme)) return;
  if (out.schemes.size() == max_schemes) refuse("desktop: more than " + std::to_string(max_schemes) + " schemes");
  out.schemes.push_back(std::move(scheme));
}

// One of Tauri's DeepLinkProtocol objects: {"schemes": [...], "name"?: string, "role"?: string}.
void read_protocol(const json::value& value, const std::string& where, DeepLinkConfig& out) {
  if (!value.is_object()) refuse(where + " must be an object {\"schemes\": [...]}");
  const json::object& protocol = value.get_object();
  const json::value* schemes = protocol.if_contains("schemes");
  if (!schemes) refuse(where + ".schemes is required");
  if (!schemes->is_array()) refuse(where + ".schemes must be an array of strings");
  for (std::size_t i = 0; i < schemes->get_array().size(); ++i)
    read_scheme(schemes->get_array()[i], where + ".schemes[" + std::to_string(i) + "]", out);
  for (const auto& [key, field] : protocol) {
    if (key == "schemes") continue;
    if (key != "name" && key != "role") refuse(where + "." + std::string(key) + ": unknown key (schemes, name, role)");
    if (!field.is_string()) refuse(where + "." + std::string(key) + " must be a string");
  }
}

}  // namespace

bool DeepLinkConfig::handles(std::string_view scheme) const {
  return std::find(schemes.begin(), schemes.end(), scheme) != schemes.end();
}

std::optional<std::string> reserved_scheme(std::string_view scheme) {
  if (std::find(std::begin(kReserved), std::end(kReserved), scheme) != std::end(kReserved))
    return "other programs (browsers, mail, files, the desktop) or Warden's own pages use it";
  return std::nullopt;
}

DeepLinkConfig deep_link_config_from(const json::value& config) {
  DeepLinkConfig out;
  if (config.is_null()) return out;
  if (!config.is_object()) throw std::invalid_argument("plugins.deep-link must be an object {\"desktop\": {\"schemes\": [...]}}");
  for (const auto& [key, value] : config.get_object()) {
    if (key == "desktop") {
      if (value.is_array()) {
        for (std::size_t i = 0; i < value.get_array().size(); ++i)
          read_protocol(value.get_array()[i], "desktop[" + std::to_string(i) + "]", out);
      } else {
        read_protocol(value, "desktop", out);
      }
    } else if (key == "registerAtStart") {
      if (!value.is_bool()) refuse("registerAtStart must be true or false");
      out.register_at_start = value.get_bool();
    } else if (key == "mobile") {
      if (!value.is_array()) refuse("mobile must be an array (Android and iOS app links; unused on Linux)");
    } else {
      refuse(std::string(key) + ": unknown key (desktop, mobile, registerAtStart)");
    }
  }
  return out;
}

}  // namespace warden::deep_link_plugin
