// warden.events/1: an event emitted by a plugin, attributed to it and handed to the host's
// event sink (warden run's windows; dropped when there is none).
#include <spdlog/spdlog.h>

#include <boost/json/parse.hpp>

#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/events.h"

namespace warden::plugin {
namespace {

int emit(const warden_host* host, const char* event, const char* payload_json, const char* target_window) {
  const HostServices* h = HostServices::from(host);
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

constexpr warden_host_events vtable{sizeof(warden_host_events), emit};

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

const void* events_extension() { return &vtable; }

}  // namespace warden::plugin
