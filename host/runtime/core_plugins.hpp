#pragma once
// The built-in `core:` plugins that @tauri-apps/api calls: event (listen, unlisten, emit,
// emit_to), app (name, version, identifier, tauri_version) and resources (close). Their
// permissions are Tauri's `core:*` ones. path and window need the host's state: see `warden run`.
#include <string>

#include "runtime/command_table.hpp"
#include "runtime/event_bus.hpp"

namespace warden::runtime {

struct AppInfo {
  std::string name;
  std::string version;
  std::string identifier;
};

void add_core_plugins(CommandTable& commands, EventBus& events, const AppInfo& app);

}  // namespace warden::runtime
