#include "plugin/host_services.hpp"

#include <cstdlib>
#include <cstring>

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

#include "plugin/call.hpp"

namespace warden::plugin {
namespace {

const HostServices* self(const warden_host* host) {
  return host ? static_cast<const HostServices*>(host->host_data) : nullptr;
}

// One line, no control characters: a plugin cannot forge other log lines.
std::string printable(const char* message) {
  std::string out;
  if (!message) return "(null)";
  for (const char* p = message; *p && out.size() < 16384; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7f) out += '?';
    else out += static_cast<char>(c);
  }
  return out;
}

void host_log(const warden_host* host, warden_log_level level, const char* message) {
  const HostServices* h = self(host);
  spdlog::level::level_enum lvl = spdlog::level::info;
  switch (level) {
    case WARDEN_LOG_TRACE: lvl = spdlog::level::trace; break;
    case WARDEN_LOG_DEBUG: lvl = spdlog::level::debug; break;
    case WARDEN_LOG_INFO: lvl = spdlog::level::info; break;
    case WARDEN_LOG_WARN: lvl = spdlog::level::warn; break;
    case WARDEN_LOG_ERROR: lvl = spdlog::level::err; break;
    default: lvl = spdlog::level::warn; break;
  }
  spdlog::log(lvl, "[plugin {}] {}", h ? h->plugin_name() : "?", printable(message));
}

// Well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool is_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xe ? 2 : (c >> 3) == 0x1e ? 3 : 99;
    if (n == 99 || (n > 0 && i + n >= s.size())) return false;
    std::uint32_t cp = n == 0 ? c : c & (0x3f >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static constexpr std::uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

char* host_resolve_path(const warden_host* host, const char* path) {
  const HostServices* h = self(host);
  if (!h || !path || !is_utf8(path)) return nullptr;
  try {
    auto p = resolve_path(path, h->options().paths);
    if (!p || !is_utf8(p->native())) return nullptr;
    return ::strdup(p->c_str());
  } catch (...) {
    return nullptr;
  }
}

int host_path_in_scope(const warden_host* host, const char* path, const char* scopes_json) {
  const HostServices* h = self(host);
  if (!h || !path || !scopes_json) return -1;
  try {
    boost::system::error_code ec;
    boost::json::value scopes = boost::json::parse(scopes_json, ec);
    if (ec) return -1;
    switch (path_in_scope(path, scopes, h->options().paths, h->options().globs)) {
      case ScopeDecision::allowed: return 1;
      case ScopeDecision::denied: return 0;
      case ScopeDecision::malformed: return -1;
    }
  } catch (...) {
  }
  return -1;
}

int host_emit(const warden_host* host, const char* event, const char* payload_json, const char* target_window) {
  const HostServices* h = self(host);
  if (!h || !event || !is_valid_event_name(event)) return -1;
  try {
    std::string payload = payload_json ? payload_json : "null";
    boost::system::error_code ec;
    boost::json::parse(payload, ec);
    if (ec) return -1;
    PluginEvent e{h->plugin_name(), event, std::move(payload),
                  target_window ? std::optional<std::string>(target_window) : std::nullopt};
    if (h->options().events) h->options().events(e);
    else spdlog::debug("[plugin {}] event '{}' dropped: no event sink", h->plugin_name(), e.event);
    return 0;
  } catch (const std::exception& ex) {
    spdlog::error("[plugin {}] emitting '{}' failed: {}", h->plugin_name(), event, ex.what());
    return -1;
  }
}

void host_free_string(const warden_host*, char* s) { std::free(s); }

}  // namespace

bool is_valid_event_name(std::string_view name) {
  if (name.empty() || name.size() > 256) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/' ||
              c == ':' || c == '_';
    if (!ok) return false;
  }
  return true;
}

HostServices::HostServices(std::string plugin_name, HostOptions options)
    : plugin_(std::move(plugin_name)), options_(std::move(options)) {
  vtable_.struct_size = sizeof(warden_host);
  vtable_.abi_version = WARDEN_ABI_VERSION;
  vtable_.host_data = this;
  vtable_.log = host_log;
  vtable_.resolve_path = host_resolve_path;
  vtable_.path_in_scope = host_path_in_scope;
  vtable_.emit = host_emit;
  vtable_.resolve_json = call_resolve_json;
  vtable_.resolve_bytes = call_resolve_bytes;
  vtable_.reject = call_reject;
  vtable_.free_string = host_free_string;
  vtable_.channel_open = call_channel_open;
  vtable_.channel_send = call_channel_send;
  vtable_.channel_close = call_channel_close;
  vtable_.resource_add = call_resource_add;
  vtable_.resource_get = call_resource_get;
  vtable_.resource_close = call_resource_close;
  vtable_.command_scopes = call_command_scopes;
  vtable_.reject_scope = call_reject_scope;
}

}  // namespace warden::plugin
