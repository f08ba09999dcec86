#pragma once
// Everything an ACL is resolved from, and the pieces the host gathers it with: plugins given
// by name and path, their manifests. A plugin's manifest may come from a folder of permission
// files or from a plugin library's manifest section; the library reader belongs to the plugin
// loader and is passed in, so this layer does not depend on it. The one assembly of all
// inputs (with the core: permissions and the loaded plugins) is cli/app_acl_inputs.hpp.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "acl/capability.hpp"
#include "acl/manifest_set.hpp"

namespace warden::acl {

struct AclInputs {
  std::vector<PluginManifest> manifests;
  std::vector<Capability> capabilities;
};

// Reads a manifest out of a plugin library (not a folder); empty when not available.
using LibraryManifestReader = std::function<PluginManifest(const std::string& plugin, const std::filesystem::path& library)>;

// Splits "NAME=PATH"; throws Error when there is no '=' or the name is not a valid plugin name.
std::pair<std::string, std::filesystem::path> parse_plugin_spec(const std::string& spec);

// A folder is read as permission files; anything else goes to `read_library`, when given.
PluginManifest load_plugin_manifest(const std::string& plugin, const std::filesystem::path& path,
                                    const LibraryManifestReader& read_library = {});

}  // namespace warden::acl
