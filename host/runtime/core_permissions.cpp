#include "runtime/core_permissions.hpp"

#include <utility>

namespace warden::runtime {
namespace {

std::string dashed(std::string s) {
  for (auto& c : s)
    if (c == '_') c = '-';
  return s;
}

// allow-/deny- for every command plus a default set naming `defaults`.
std::string plugin_file(const std::string& plugin, const std::vector<std::string>& commands,
                        const std::vector<std::string>& defaults) {
  std::string toml = "[default]\ndescription = \"Default permissions of " + plugin + ".\"\npermissions = [";
  for (size_t i = 0; i < defaults.size(); ++i) toml += (i ? ", \"allow-" : "\"allow-") + dashed(defaults[i]) + "\"";
  toml += "]\n";
  for (const auto& c : commands) {
    toml += "\n[[permission]]\nidentifier = \"allow-" + dashed(c) + "\"\ndescription = \"Enables the " + c +
            " command.\"\ncommands.allow = [\"" + c + "\"]\n";
    toml += "\n[[permission]]\nidentifier = \"deny-" + dashed(c) + "\"\ndescription = \"Denies the " + c +
            " command.\"\ncommands.deny = [\"" + c + "\"]\n";
  }
  return toml;
}

}  // namespace

std::vector<CorePermissionFile> core_permission_files() {
  std::vector<std::string> event{"listen", "unlisten", "emit", "emit_to"};
  std::vector<std::string> app{"name", "version", "identifier", "tauri_version"};
  std::vector<std::string> window{"close"};
  std::vector<std::string> path{"resolve_directory", "resolve", "normalize", "join", "dirname", "extname", "basename", "is_absolute"};
  std::vector<std::string> resources{"close"};
  return {
      {"core",
       "[default]\ndescription = \"Default core plugins: event, app, path and resources.\"\n"
       "permissions = [\"core:event:default\", \"core:app:default\", \"core:path:default\", "
       "\"core:resources:default\"]\n"},
      {"core:path", plugin_file("core:path", path, path)},
      {"core:resources", plugin_file("core:resources", resources, resources)},
      {"core:event", plugin_file("core:event", event, event)},
      {"core:app", plugin_file("core:app", app, app)},
      // As in Tauri, closing is not in the window plugin's default set.
      {"core:window", plugin_file("core:window", window, {})},
  };
}

}  // namespace warden::runtime
