#pragma once
// The permission files of the built-in core plugins, in Tauri's `core:` namespace:
// "core" (its default set: core:default), "core:event", "core:app", "core:path",
// "core:resources", "core:window". Each command has
// allow-<cmd> / deny-<cmd> (dashes for underscores), and each plugin a default set.
#include <string>
#include <vector>

namespace warden::runtime {

struct CorePermissionFile {
  std::string plugin;  // "core", "core:event", "core:app", "core:window"
  std::string toml;    // a permission file in Tauri's TOML layout
};

std::vector<CorePermissionFile> core_permission_files();

}  // namespace warden::runtime
