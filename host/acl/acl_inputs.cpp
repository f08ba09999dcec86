#include "acl/acl_inputs.hpp"

#include "acl/identifier.hpp"

namespace warden::acl {
namespace fs = std::filesystem;

std::pair<std::string, fs::path> parse_plugin_spec(const std::string& spec) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
    throw Error(ErrorKind::invalid_command_line, {"<command line>", std::nullopt, "--plugin"}, "expected NAME=PATH, got '" + spec + "'");
  std::string name = spec.substr(0, eq);
  if (auto problem = identifier_problem(name, IdentifierKind::name))
    throw Error(ErrorKind::invalid_identifier, {"<command line>", std::nullopt, "--plugin"}, "plugin name: " + *problem);
  return {name, fs::path(spec.substr(eq + 1))};
}

PluginManifest load_plugin_manifest(const std::string& plugin, const fs::path& path,
                                    const LibraryManifestReader& read_library) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return load_manifest_folder(plugin, path);
  if (fs::is_regular_file(path, ec) && read_library) return read_library(plugin, path);
  throw Error(ErrorKind::missing_folder, {path.string(), std::nullopt, ""},
              fs::exists(path, ec) ? "expected a folder of permission files for plugin '" + plugin + "'"
                                   : "no such folder for plugin '" + plugin + "'");
}

}  // namespace warden::acl
