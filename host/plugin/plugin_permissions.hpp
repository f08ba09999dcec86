#pragma once
// A plugin library's permission manifest as the ACL resolver takes it, read from the
// library's manifest section without running plugin code.
#include <filesystem>
#include <string>
#include <vector>

#include "acl/permission_file.hpp"
#include "plugin/manifest_section.hpp"

namespace warden::plugin {

struct PluginPermissions {
  std::string name;                            // the plugin name, the prefix of its identifiers
  std::string origin;                          // "library <path>", for messages
  std::vector<acl::PermissionFile> files;      // parsed; each file's `source` names the library
                                               // and the file inside the section
};

// Reads and validates the section (see read_manifest_section). Throws LoadError naming the
// library and the reason.
PluginPermissions read_plugin_permissions(const std::filesystem::path& library);

// The same from a section already read, e.g. a loaded plugin's PluginLibrary::manifest():
// use this for a loaded plugin rather than reading the file again, which could have been
// replaced since it was loaded.
PluginPermissions plugin_permissions(const PluginManifestSection& manifest, const std::filesystem::path& library);

}  // namespace warden::plugin
