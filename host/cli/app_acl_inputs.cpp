#include "cli/app_acl_inputs.hpp"

#include <set>

#include "acl/app_config.hpp"
#include "acl/permission_file.hpp"
#include "cli/library_manifest.hpp"
#include "plugin/plugin_permissions.hpp"
#include "runtime/core_permissions.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;

acl::PluginManifest manifest_of(const PluginSection& plugin) {
  auto permissions = plugin::plugin_permissions(*plugin.manifest, plugin.file);
  return {permissions.name, permissions.origin, std::move(permissions.files)};
}

void add_core_permissions(std::vector<acl::PluginManifest>& manifests) {
  for (auto& core : runtime::core_permission_files())
    manifests.push_back({core.plugin, "built-in " + core.plugin,
                         {acl::parse_permission_file(core.toml, acl::FileFormat::toml, "built-in " + core.plugin)}});
}

}  // namespace

acl::AclInputs assemble_acl_inputs(const AclInputSources& sources) {
  acl::AclInputs inputs;
  // Plugins whose permissions came in through plugins.<name>.path are not added twice.
  std::set<std::string> named_by_config;
  if (sources.app_dir) {
    auto from_loaded = [&sources, &named_by_config](const std::string& name, const fs::path& library) {
      named_by_config.insert(name);
      for (const auto& p : sources.plugins)
        if (p.manifest->name == name) return manifest_of(p);
      return acl::PluginManifest{name, "refused library " + library.string(), {}};
    };
    inputs = acl::load_app_folder(*sources.app_dir, sources.app_config ? *sources.app_config : acl::AppConfig{},
                                  from_loaded);
  }
  add_core_permissions(inputs.manifests);
  for (const auto& p : sources.plugins)
    if (!named_by_config.count(p.manifest->name)) inputs.manifests.push_back(manifest_of(p));
  for (const auto& [name, path] : sources.named_plugins)
    inputs.manifests.push_back(acl::load_plugin_manifest(name, path, manifest_from_library));
  for (const auto& file : sources.capability_files)
    for (auto& cap : acl::load_capability_file(file)) inputs.capabilities.push_back(std::move(cap));
  return inputs;
}

}  // namespace warden::cli
