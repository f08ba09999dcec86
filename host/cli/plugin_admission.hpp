#pragma once
// Which plugins an app would load, judged without running plugin code: the libraries named by
// plugins.<name>.path, then every candidate of the plugin folders, with the checks `warden run`
// makes before loading (the file and its section, the name the config expects, a duplicate
// name, the SHA-256 pin). `doctor` reports the verdicts; the acl commands and `permission ls`
// take their manifests from the plugins admitted, so they see what `run` would.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "acl/app_config.hpp"
#include "plugin/manifest_section.hpp"

namespace warden::cli {

struct PluginVerdict {
  std::filesystem::path file;
  std::string from;                                       // "folder" or "plugins.<name>.path"
  std::optional<plugin::PluginManifestSection> manifest;  // set when it would load
  std::optional<std::string> refused;                     // the reason otherwise
};

// `config` may be null (no app folder): then no library is named and no pin applies.
std::vector<PluginVerdict> judge_app_plugins(const acl::AppConfig* config,
                                             const std::vector<std::filesystem::path>& folders);

}  // namespace warden::cli
