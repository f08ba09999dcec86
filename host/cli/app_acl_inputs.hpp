#pragma once
// The one assembly of what an ACL is resolved from, shared by `warden run`, `doctor`, every
// `acl` command and `permission ls`, so that they accept and refuse the same apps for the same
// reasons: the app folder (capabilities, its own permissions/, plugins.<name>.path folders),
// the built-in core: permissions, the permissions of the plugins that load, and what the
// command line adds (--plugin NAME=DIR|lib.so, --capability FILE).
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "acl/acl_inputs.hpp"
#include "acl/app_config.hpp"
#include "plugin/manifest_section.hpp"

namespace warden::cli {

// A plugin that loads (`run`) or would load (the others): its permissions come from the
// section already read, never from reading the file again, which may have changed since.
struct PluginSection {
  const plugin::PluginManifestSection* manifest;
  std::filesystem::path file;
};

struct AclInputSources {
  std::optional<std::filesystem::path> app_dir;
  const acl::AppConfig* app_config = nullptr;  // its warden.conf.json, parsed once; null when it has none
  std::vector<PluginSection> plugins;                                        // from paths and --plugins folders
  std::vector<std::pair<std::string, std::filesystem::path>> named_plugins;  // --plugin NAME=DIR|lib.so
  std::vector<std::filesystem::path> capability_files;                       // --capability FILE
};

// Throws acl::Error (a bad file, naming it) or plugin::LoadError (a bad --plugin library).
// A library named by plugins.<name>.path that is not among `plugins` (refused) contributes no
// permissions: a capability naming them fails as it would in `warden run`.
acl::AclInputs assemble_acl_inputs(const AclInputSources& sources);

}  // namespace warden::cli
