#include "plugin/plugin_permissions.hpp"

#include "plugin/manifest_section.hpp"

namespace warden::plugin {

PluginPermissions read_plugin_permissions(const std::filesystem::path& library) {
  PluginManifestSection m = read_manifest_section(library);
  PluginPermissions out{m.name, "library " + library.string(), {}};
  out.files.reserve(m.files.size());
  for (auto& f : m.files) out.files.push_back(std::move(f.parsed));
  return out;
}

}  // namespace warden::plugin
