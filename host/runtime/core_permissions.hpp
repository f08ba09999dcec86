#pragma once
// The permissions of the built-in core plugins, Tauri's `core:` namespace, as Tauri 2.12 defines
// them: one table (core_permissions.cpp) lists each plugin's commands, in_default marking the
// ones its `default` set grants. Every command gets allow-<cmd> / deny-<cmd> (dashes for
// underscores) with Tauri's generated descriptions; "core" holds only core:default, the nine
// plugins' default sets. Menu and tray have their permissions before their commands exist, so
// that a capability naming them resolves. The table is checked against Tauri's reference and the
// pinned @tauri-apps/api by tests/unit/runtime/core_permissions_test.cpp (data in
// tests/data/tauri-api/).
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace warden::runtime {

struct CoreCommand {
  std::string_view name;  // as invoked: "set_title" (plugin:window|set_title)
  bool in_default;        // granted by the plugin's default set
};

struct CorePlugin {
  std::string_view name;  // "core:window"
  std::span<const CoreCommand> commands;
};

// The nine core plugins: app, event, image, menu, path, resources, tray, webview, window.
std::span<const CorePlugin> core_plugins();

struct CorePermissionFile {
  std::string plugin;  // "core", "core:event", "core:app", "core:window", ...
  std::string toml;    // a permission file in Tauri's TOML layout
};

// One file per core plugin and one for "core" (core:default), generated from core_plugins().
std::vector<CorePermissionFile> core_permission_files();

}  // namespace warden::runtime
