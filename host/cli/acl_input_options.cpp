#include "cli/acl_input_options.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "cli/app_acl_inputs.hpp"
#include "cli/app_config.hpp"
#include "plugin/plugin_admission.hpp"

namespace warden::cli {
namespace fs = std::filesystem;

void add_acl_input_options(CLI::App& cmd, AclInputOptions& o, bool with_capabilities) {
  cmd.add_option("--app", o.app, "App folder: warden.conf.json, capabilities/, permissions/, plugins.<name>.path");
  cmd.add_option("--plugins", o.plugin_dirs, "A folder of plugin libraries, as for `warden run` (repeatable)")
      ->check(CLI::ExistingDirectory);
  cmd.add_option("--plugin", o.plugins, "NAME=DIR|lib.so: a plugin's permission folder or library (repeatable)");
  if (with_capabilities)
    cmd.add_option("--capability", o.capabilities, "A capability file, .json or .toml (repeatable)");
}

acl::AclInputs load_acl_inputs(const AclInputOptions& o) {
  AclInputSources sources;
  std::optional<AppConfig> config;
  if (o.app) {
    sources.app_dir = fs::path(*o.app);
    config = load_app_config_if_present(*sources.app_dir);
    if (config) sources.app_config = &config->acl;
  }
  std::vector<fs::path> folders(o.plugin_dirs.begin(), o.plugin_dirs.end());
  auto verdicts = plugin::judge_app_plugins(config ? config->plugins(folders) : plugin::AppPlugins{}, folders);
  for (const auto& v : verdicts.plugins) {
    if (v.admitted) sources.plugins.push_back({&v.admitted->manifest, v.file});
    else spdlog::warn("plugin refused: {}: {}", v.file.string(), *v.refused);
  }
  for (const auto& p : o.plugins) sources.named_plugins.push_back(acl::parse_plugin_spec(p));
  for (const auto& c : o.capabilities) sources.capability_files.emplace_back(c);
  return assemble_acl_inputs(sources);
}

}  // namespace warden::cli
