#pragma once
// The built-in `core:` plugins that @tauri-apps/api calls: event (listen, unlisten, emit,
// emit_to), app (name, version, identifier, tauri_version) and resources (close). Their
// permissions are Tauri's `core:*` ones, and path's string functions (join, normalize, resolve,
// dirname, extname, basename, is_absolute). resolve_directory and window need the host's state: see
// `warden run`.
#include <cstdint>
#include <functional>
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

void add_core_plugins(CommandTable& commands, EventBus& events, const AppInfo& app, ResourceCloser close_resource);

}  // namespace warden::runtime
