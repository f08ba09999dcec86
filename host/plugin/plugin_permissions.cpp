#include "plugin/plugin_permissions.hpp"

namespace warden::plugin {

PluginPermissions plugin_permissions(const PluginManifestSection& m, const std::filesystem::path& library) {
  PluginPermissions out{m.name, "library " + library.string(), {}};
  out.files.reserve(m.files.size());
  for (const auto& f : m.files) out.files.push_back(f.parsed);
  return out;
}

PluginPermissions read_plugin_permissions(const std::filesystem::path& library) {
  return plugin_permissions(read_manifest_section(library), library);
}

}  // namespace warden::plugin
