#pragma once
// The host's core as one plugin sees it: the warden_host handed to its init (identity, log,
// free, completion, get_extension). One HostServices per loaded plugin, so that logs, events and
// path variables are the plugin's; the extensions find it again through HostServices::from.
#include <functional>
#include <optional>
#include <string>

#include "plugin/app_hooks.hpp"
#include "plugin/main_thread_service.hpp"
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
  // warden.main-thread/1's callbacks, shared by every plugin; null (no main loop): refused.
  std::shared_ptr<MainThreadService> main_thread;
  // The running app (app_hooks.hpp), filled in by warden run after loading; null outside a run.
  std::shared_ptr<AppHooks> app;
};

// What warden_host::host_name / host_version say.
inline constexpr const char* host_name = "warden";
const char* host_version();  // the project's version, static

class HostServices {
 public:
  HostServices(std::string plugin_name, HostOptions options);
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;

  // The HostServices whose vtable `host` is (host_data points back to it); null for null.
  static const HostServices* from(const warden_host* host);

  // Valid as long as this object.
  const warden_host* vtable() const { return &vtable_; }
  const std::string& plugin_name() const { return plugin_; }
  const HostOptions& options() const { return options_; }
  // This plugin's end of warden.main-thread/1; null without options().main_thread.
  MainThreadService::PluginCallbacks* main_thread_callbacks() const { return main_thread_callbacks_.get(); }

 private:
  std::string plugin_;
  HostOptions options_;
  warden_host vtable_{};
  std::unique_ptr<MainThreadService::PluginCallbacks> main_thread_callbacks_;
};

bool is_valid_event_name(std::string_view name);

}  // namespace warden::plugin
