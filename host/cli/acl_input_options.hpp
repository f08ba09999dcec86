#pragma once
// The command-line options that say where an ACL comes from, shared by every `warden acl`
// command and `warden permission ls`: the app folder and the plugin folders as `warden run`
// takes them, plus plugins and capabilities named one by one.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "acl/acl_inputs.hpp"

namespace warden::cli {

struct AclInputOptions {
  std::optional<std::string> app;
  std::vector<std::string> plugin_dirs;   // --plugins DIR, as `warden run`
  std::vector<std::string> plugins;       // --plugin NAME=DIR|lib.so
  std::vector<std::string> capabilities;  // --capability FILE
};

// Adds --app, --plugins and --plugin; --capability too when `with_capabilities`.
void add_acl_input_options(CLI::App& cmd, AclInputOptions& o, bool with_capabilities);

// What `warden run` would resolve with these plugin folders: the plugins it would load (read
// without running them; each one it would refuse is logged as a warning, as `run` does) and
// the rest through assemble_acl_inputs.
acl::AclInputs load_acl_inputs(const AclInputOptions& o);

}  // namespace warden::cli
