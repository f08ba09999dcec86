#pragma once
// The built-in `core:` plugins that @tauri-apps/api calls: event (listen, unlisten, emit,
// emit_to), app (name, version, identifier, tauri_version), path (resolve_directory and the
// string functions join, normalize, resolve, dirname, extname, basename, is_absolute), resources
// (close); the window and webview commands are warden_desktop's (host/desktop). Their permissions
// are Tauri's `core:*` ones (core_permissions.hpp; the unit test core_plugins_test ties each
// command to its allow- permission). What needs the host's state (resources, the app's folders)
// comes in through CoreHooks.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "runtime/caller.hpp"
#include "runtime/command_table.hpp"
#include "runtime/event_bus.hpp"

namespace warden::runtime {

struct AppInfo {
  std::string name;
  std::string version;
  std::string identifier;
};

// [any-thread] Closes resource `rid` of `caller` (plugin:resources|close): its page and origin's
// only. false when it has none by that id (another frame's or page's id is none of its own).
using ResourceCloser = std::function<bool(const Caller& caller, uint32_t rid)>;

// What the core commands ask of the host. Unset hooks make their commands fail, never crash.
struct CoreHooks {
  ResourceCloser close_resource;
  // [main-thread] The absolute folder of a path variable without its '$' ("APPDATA", "HOME", ...):
  // plugin:path|resolve_directory; nullopt when unknown.
  std::function<std::optional<std::string>(const std::string& variable)> base_directory;
};

void add_core_plugins(CommandTable& commands, EventBus& events, const AppInfo& app, CoreHooks hooks);

}  // namespace warden::runtime
