#pragma once
// Plugin folders: every `*.so` file directly inside each folder is a plugin candidate. Scanning
// reads candidates without running plugin code (what `warden plugin ls` shows); loading loads
// them, and a refused plugin never stops the others.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "plugin/manifest_section.hpp"
#include "plugin/plugin_library.hpp"

namespace warden::plugin {

struct RefusedPlugin {
  std::filesystem::path file;
  std::string reason;
};

struct PluginCandidate {
  std::filesystem::path file;
  std::optional<PluginManifestSection> manifest;  // set when the checks without loading passed
  std::optional<std::string> refused;             // the reason otherwise
};

// The candidate files of the folders, in order: folders as given, files sorted by name.
// A folder that does not exist or cannot be read is reported as a refused entry for the folder.
std::vector<PluginCandidate> scan_plugin_folders(const std::vector<std::filesystem::path>& folders);

struct LoadedPlugins {
  std::vector<std::unique_ptr<PluginLibrary>> loaded;
  std::vector<RefusedPlugin> refused;
};

// Loads every candidate that scan_plugin_folders accepts; a second plugin with a name already
// loaded is refused. `configs` is the app config's `plugins` object: each plugin's init gets
// its plugins.<name> value without the host's keys (host_config_keys.hpp; "{}" when absent). Each refusal is also logged as a warning.
LoadedPlugins load_plugin_folders(const std::vector<std::filesystem::path>& folders,
                                  const boost::json::object& configs = {}, const HostOptions& options = {});

}  // namespace warden::plugin
