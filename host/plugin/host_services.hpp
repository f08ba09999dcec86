#pragma once
// The host's services as one plugin sees them: the warden_host vtable handed to its init.
// One HostServices per loaded plugin, so that logs and events are attributed to it.
#include <functional>
#include <optional>
#include <string>

#include "plugin/path_scope.hpp"
#include "plugin/path_variables.hpp"
#include "warden/plugin.h"

namespace warden::plugin {

struct PluginEvent {
  std::string plugin;                        // who emitted it
  std::string event;                         // [A-Za-z0-9-/:_]+
  std::string payload_json;                  // valid JSON
  std::optional<std::string> target_window;  // nullopt: every window
};

// Receives emitted events, on the emitting thread (any thread). Must be thread-safe.
using EventSink = std::function<void(const PluginEvent&)>;

struct HostOptions {
  PathEnvironment paths;  // resolve_path and the variables of scope entries
  GlobOptions globs;      // path_in_scope
  EventSink events;       // emit; events are dropped (and logged at debug) when empty
};

class HostServices {
 public:
  HostServices(std::string plugin_name, HostOptions options);
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;

  // Valid as long as this object; its host_data points back here.
  const warden_host* vtable() const { return &vtable_; }
  const std::string& plugin_name() const { return plugin_; }
  const HostOptions& options() const { return options_; }

 private:
  std::string plugin_;
  HostOptions options_;
  warden_host vtable_{};
};

bool is_valid_event_name(std::string_view name);

}  // namespace warden::plugin
