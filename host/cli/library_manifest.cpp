#include "cli/library_manifest.hpp"

#include "cli/command.hpp"
#include "plugin/manifest_section.hpp"

namespace warden::cli {

acl::PluginManifest manifest_from_library(const std::string& plugin, const std::filesystem::path& library) {
  auto section = warden::plugin::read_manifest_section(library);
  if (section.name != plugin)
    throw UsageError(library.string() + ": the library is plugin '" + section.name + "', not '" + plugin + "'");
  acl::PluginManifest manifest{plugin, "library " + library.string(), {}};
  for (auto& file : section.files) manifest.files.push_back(std::move(file.parsed));
  return manifest;
}

}  // namespace warden::cli
