#include "runtime/reserved_event_names.hpp"

namespace warden::runtime {

void ReservedEventNames::reserve_for_plugin(const std::string& plugin) {
  std::lock_guard lock(mutex_);
  plugins_.insert(plugin);
}

std::optional<std::string> ReservedEventNames::plugin_owner(std::string_view event) const {
  size_t sep = event.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  std::string_view prefix = event.substr(0, sep);
  std::lock_guard lock(mutex_);
  auto it = plugins_.find(prefix);
  if (it == plugins_.end()) return std::nullopt;
  return *it;
}

std::optional<std::string> ReservedEventNames::owner_of(std::string_view event) const {
  if (event.starts_with(host_prefix)) return std::string("the host");
  if (auto plugin = plugin_owner(event)) return "plugin '" + *plugin + "'";
  return std::nullopt;
}

bool ReservedEventNames::may_emit(const EventEmitter& emitter, std::string_view event) const {
  switch (emitter.kind) {
    case EventEmitter::Kind::host:
      return true;
    case EventEmitter::Kind::plugin: {
      if (event.starts_with(host_prefix)) return false;
      auto owner = plugin_owner(event);
      return !owner || *owner == emitter.plugin;
    }
    case EventEmitter::Kind::page:
      return !owner_of(event);
  }
  return false;
}

}  // namespace warden::runtime
