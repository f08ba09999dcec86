#pragma once
// The permission manifests of every plugin the app uses, indexed by plugin, as the
// resolver reads them. Where a manifest comes from is the caller's business: a folder of
// permission files, a plugin library's manifest section, or one built into the host (the
// `core:` namespace) all end up as a PluginManifest.
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acl/permission_file.hpp"

namespace warden::acl {

// The app's own permissions (app commands) are referenced without a prefix.
inline constexpr std::string_view kAppManifest = "";

struct PluginManifest {
  std::string plugin;  // "fs", "core:event", or kAppManifest
  std::string origin;  // where it came from, for messages ("folder plugins/fs/permissions")
  std::vector<PermissionFile> files;
};

// Every *.toml / *.json under `dir`, subfolders included, except any `schemas/` folder
// (generated JSON Schemas, not permissions). Files are read in path order.
PluginManifest load_manifest_folder(std::string plugin, const std::filesystem::path& dir);

class ManifestSet {
 public:
  // What one plugin defines, merged across its files.
  struct Plugin {
    std::string name;
    std::string origin;
    const DefaultSet* default_set = nullptr;
    std::map<std::string, const Permission*, std::less<>> permissions;
    std::map<std::string, const PermissionSet*, std::less<>> sets;
    std::map<std::string, std::string, std::less<>> file_of;  // identifier ("default" too) -> file

    // Every identifier a capability may name, without prefix, "default" included when defined.
    std::vector<std::string> identifiers() const;
    // "fs:read" for plugins, "read" for the app's own permissions.
    std::string qualified(std::string_view id) const;
  };

  ManifestSet() = default;
  // Throws Error on a plugin given twice or an identifier defined twice (naming both files).
  explicit ManifestSet(std::vector<PluginManifest> manifests);
  ManifestSet(const ManifestSet&) = delete;
  ManifestSet& operator=(const ManifestSet&) = delete;
  ManifestSet(ManifestSet&&) = default;
  ManifestSet& operator=(ManifestSet&&) = default;

  const Plugin* find(std::string_view plugin) const;
  // The loaded plugins' names, for messages: the app's own permissions (the entry named "") are
  // no plugin a capability could name with a prefix.
  std::vector<std::string> plugin_names() const;
  const std::map<std::string, Plugin, std::less<>>& plugins() const { return plugins_; }

 private:
  std::vector<PluginManifest> manifests_;  // owns what plugins_ points into
  std::map<std::string, Plugin, std::less<>> plugins_;
};

}  // namespace warden::acl
