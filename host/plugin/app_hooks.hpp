#pragma once
// The running app as the extensions warden.grants/1, warden.app-lifecycle/1 and warden.windows/1
// reach it. Plugins load before the windows, the authority and the exit path exist, so `warden run`
// hands every plugin the same (empty) AppHooks at load and fills its functions in once those parts
// exist. An empty function (outside a run: `warden plugin call`, tests) makes its extension refuse.
// Each function is set once, on the main thread, before the first window opens; read any time after.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/call.hpp"
#include "warden/ext/windows.h"

namespace warden::plugin {

struct GrantRequest {
  std::string plugin;  // the granting plugin (whose plugins.<name>.grants the config must list)
  Caller caller;       // the window the grant reaches (caller.window)
  std::string scope;   // "fs" or "asset" (warden/ext/grants.h)
  std::string path;    // absolute, as the plugin gave it
  bool recursive = false;
};

struct GrantOutcome {
  int status = 0;      // grants.h's return convention: 1 granted, 0 refused, negative malformed
  std::string reason;  // why, when not granted
};

// An image as straight RGBA rows (width * height * 4 bytes), what warden.images/1 hands out.
struct ImageRgba {
  std::string pixels;
  uint32_t width = 0;
  uint32_t height = 0;
};

// The app as its warden.conf.json names it (warden.app-lifecycle/1's app_identity).
struct AppIdentity {
  std::string identifier;
  std::string product_name;  // the identifier when the config gives none
  std::string version;
};

struct AppHooks {
  // warden.app-lifecycle/1's app_identity [any-thread]: unlike the functions below, set before the
  // plugins load, since their init reads it (autostart names its file after the identifier).
  std::optional<AppIdentity> identity;
  // warden.grants/1 [any-thread]
  std::function<GrantOutcome(const GrantRequest&)> grant_path;
  // warden.app-lifecycle/1 [any-thread]: 0 accepted, negative refused
  std::function<int(int code)> exit;
  std::function<int()> restart;
  std::function<std::optional<std::vector<std::string>>()> launch_command;
  // warden.windows/1 [main-thread] (sdk/include/warden/ext/windows.h): the GtkWindow* of a
  // label, null when none is open; the open windows' labels; a window's state and setting it
  // (false: no such open window); window events for a plugin (subscribe: 0 when refused;
  // unsubscribe: false unless `id` is a live subscription of `plugin`).
  std::function<void*(std::string_view label)> gtk_window;
  std::function<std::vector<std::string>()> window_labels;
  std::function<std::optional<warden_window_state>(std::string_view label)> window_state;
  std::function<bool(std::string_view label, const warden_window_state& state, uint32_t fields)> set_window_state;
  using WindowEventCallback = std::function<void(const std::string& label, warden_window_event event)>;
  std::function<uint64_t(const std::string& plugin, WindowEventCallback callback)> subscribe_window_events;
  std::function<bool(const std::string& plugin, uint64_t id)> unsubscribe_window_events;
  // warden.images/1 [any-thread] (sdk/include/warden/ext/images.h): core:image resources of a
  // caller. image_from_rgba: the new rid, 0 with `error`; image_rgba: nullopt with `error`.
  std::function<uint32_t(const Caller& caller, std::string rgba, uint32_t width, uint32_t height, std::string& error)>
      image_from_rgba;
  std::function<std::optional<ImageRgba>(const Caller& caller, std::string_view image_json, std::string& error)>
      image_rgba;
  // warden.single-instance/1 (cli/single_instance_*.hpp). arguments_json [any-thread]: this run's
  // app arguments (what followed `--`) as a JSON array of strings, set before the plugins load as
  // identity is. subscribe_instances [any-thread]: a plugin hears each later instance's arguments
  // (a JSON array) and working directory on the main thread; 0 when refused (the app is not
  // single-instance). unsubscribe_instances: false unless `id` is a live subscription of `plugin`.
  std::optional<std::string> arguments_json;
  using InstanceCallback = std::function<void(const std::string& arguments_json, const std::string& cwd)>;
  std::function<uint64_t(const std::string& plugin, InstanceCallback callback)> subscribe_instances;
  std::function<bool(const std::string& plugin, uint64_t id)> unsubscribe_instances;
};

}  // namespace warden::plugin
