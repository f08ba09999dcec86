#pragma once
// Plugin folders and the one loader of an app's plugins. Every `*.so` file directly inside a
// plugin folder is a plugin candidate, except `*.app.so` files: those are app libraries
// (docs/app-commands.md), loaded only by the app whose app.library names them. Scanning reads
// candidates without running plugin code; loading admits them (plugin_admission.hpp) and loads
// those admitted, and a refused plugin never stops the others.
#include <filesystem>
#include <map>
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
// Duplicate names are the admission's to refuse (plugin_admission.hpp), not the scan's.
std::vector<PluginCandidate> scan_plugin_folders(const std::vector<std::filesystem::path>& folders);

// An app library file: named app.library, never loaded as a plugin from a plugin folder.
bool is_app_library_file(const std::filesystem::path& file);

// The app's own library: its commands are the app's (un-prefixed), governed by the app's
// permissions/ (docs/app-commands.md).
struct AppLibrary {
  std::filesystem::path file;
  std::optional<std::string> sha256;  // app.sha256, validated
};

// What an app's config says about the libraries it loads.
struct AppPlugins {
  std::optional<AppLibrary> app_library;                   // app.library
  std::map<std::string, std::filesystem::path> libraries;  // plugins.<name>.path naming a file
  std::map<std::string, std::string> pins;                 // plugins.<name>.sha256, validated
  boost::json::object configs;  // the app config's `plugins` object; init gets plugin_own_config
};

struct LoadedPlugins {
  std::unique_ptr<PluginLibrary> app_library;  // null when the app names none or it was refused
  std::vector<std::unique_ptr<PluginLibrary>> loaded;
  std::vector<RefusedPlugin> refused;  // the app library's refusal too
};

// The one loader: admits (plugin_admission.hpp) the app library, each library of
// `app.libraries`, then every candidate of `folders`, and loads each admitted one from what was
// admitted (a pinned library from its hashed copy). Each refusal is logged as a warning.
LoadedPlugins load_app_plugins(const AppPlugins& app, const std::vector<std::filesystem::path>& folders,
                               const HostOptions& options = {});

}  // namespace warden::plugin
