#pragma once
// What the ACL needs from warden.conf.json (a subset of tauri.conf.json): the inline
// capabilities and capability references of `app.security.capabilities`, and the plugin
// paths of `plugins.<name>.path`. Every other key belongs to other parts of the host and
// is left alone here.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acl/capability.hpp"
#include "acl/acl_inputs.hpp"

namespace warden::acl {

struct CapabilityReference {
  std::string identifier;  // a capability defined in a file of capabilities/
  ErrorLocation where;
};

struct AppConfig {
  std::string source;
  // True when app.security.capabilities is present and not empty: then only the capabilities
  // it lists (inline or referenced) are enabled, not every file of capabilities/ (as in Tauri).
  bool lists_capabilities = false;
  std::vector<Capability> inline_capabilities;
  std::vector<CapabilityReference> referenced_capabilities;
  std::map<std::string, std::filesystem::path> plugin_paths;  // relative paths resolved against the app folder
  std::map<std::string, std::string> plugin_pins;  // plugins.<name>.sha256: 64 lowercase hex digits
  // plugins.<name>.grants: the scopes that plugin may extend for a calling window through
  // warden.grants/1 ("fs", "asset"; docs/grants.md). A plugin not listed grants nothing.
  std::map<std::string, std::vector<std::string>> plugin_grants;
};

// The scopes plugins.<name>.grants may name.
inline constexpr std::string_view kGrantableScopes[] = {"fs", "asset"};

AppConfig parse_app_config(std::string_view text, const std::string& source,
                           const std::filesystem::path& app_dir);

// An app folder: DIR/warden.conf.json, DIR/capabilities/** (enabled as the config says),
// DIR/permissions/** (the app's own commands, referenced without prefix), and each
// plugins.<name>.path as that plugin's folder (its permissions/, or the folder itself) or,
// through `read_library`, its library's manifest section.
AclInputs load_app_folder(const std::filesystem::path& dir, const LibraryManifestReader& read_library = {});
// The same with warden.conf.json already parsed (the host parses it once: cli/app_config.hpp).
AclInputs load_app_folder(const std::filesystem::path& dir, const AppConfig& config,
                          const LibraryManifestReader& read_library = {});

}  // namespace warden::acl
