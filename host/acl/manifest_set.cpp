#include "acl/manifest_set.hpp"

#include <algorithm>

#include "acl/identifier.hpp"
#include <spdlog/spdlog.h>

namespace warden::acl {
namespace fs = std::filesystem;

PluginManifest load_manifest_folder(std::string plugin, const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(ErrorKind::missing_folder, {dir.string(), std::nullopt, ""}, "no such permission folder for plugin '" + plugin + "'");
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_directory() && it->path().filename() == "schemas") {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && format_of(it->path())) {
      paths.push_back(it->path());
    }
  }
  if (ec) throw Error(ErrorKind::unreadable, {dir.string(), std::nullopt, ""}, "cannot list the folder: " + ec.message());
  std::sort(paths.begin(), paths.end());
  PluginManifest manifest{std::move(plugin), "folder " + dir.string(), {}};
  for (const auto& path : paths) {
    manifest.files.push_back(load_permission_file(path));
    for (const auto& warning : manifest.files.back().warnings) spdlog::warn("{}", warning);
  }
  return manifest;
}

namespace {

ErrorLocation location(const PermissionFile& file, std::optional<int> line, std::string field) {
  return {file.source, line, std::move(field)};
}

void claim(ManifestSet::Plugin& plugin, const std::string& id, const PermissionFile& file, std::optional<int> line) {
  auto [it, fresh] = plugin.file_of.emplace(id, file.source);
  if (!fresh)
    throw Error(ErrorKind::duplicate_identifier, location(file, line, "identifier"),
                "'" + plugin.qualified(id) + "' is already defined in " + it->second);
}

void check_plugin_name(const PluginManifest& m) {
  if (m.plugin == kAppManifest) return;
  auto kind = m.plugin.starts_with("core:") ? IdentifierKind::reference : IdentifierKind::name;
  if (auto problem = identifier_problem(m.plugin, kind))
    throw Error(ErrorKind::invalid_identifier, {m.origin, std::nullopt, "plugin name"}, *problem);
}

}  // namespace

ManifestSet::ManifestSet(std::vector<PluginManifest> manifests) : manifests_(std::move(manifests)) {
  for (const auto& m : manifests_) {
    check_plugin_name(m);
    auto [it, fresh] = plugins_.try_emplace(m.plugin);
    if (!fresh) throw Error(ErrorKind::duplicate_plugin, {m.origin, std::nullopt, ""}, "plugin '" + m.plugin + "' is given twice (also " + it->second.origin + ")");
    Plugin& plugin = it->second;
    plugin.name = m.plugin;
    plugin.origin = m.origin;
    for (const auto& file : m.files) {
      if (file.default_set) {
        claim(plugin, "default", file, file.default_set->line);
        plugin.default_set = &*file.default_set;
      }
      for (const auto& p : file.permissions) {
        claim(plugin, p.identifier, file, p.line);
        plugin.permissions.emplace(p.identifier, &p);
      }
      for (const auto& s : file.sets) {
        claim(plugin, s.identifier, file, s.line);
        plugin.sets.emplace(s.identifier, &s);
      }
    }
  }
}

std::vector<std::string> ManifestSet::Plugin::identifiers() const {
  std::vector<std::string> out;
  for (const auto& [id, file] : file_of) out.push_back(id);
  return out;
}

std::string ManifestSet::Plugin::qualified(std::string_view id) const {
  return name.empty() ? std::string(id) : name + ":" + std::string(id);
}

const ManifestSet::Plugin* ManifestSet::find(std::string_view plugin) const {
  auto it = plugins_.find(plugin);
  return it == plugins_.end() ? nullptr : &it->second;
}

std::vector<std::string> ManifestSet::plugin_names() const {
  std::vector<std::string> out;
  for (const auto& [name, plugin] : plugins_)
    if (!name.empty()) out.push_back(name);
  return out;
}

}  // namespace warden::acl
