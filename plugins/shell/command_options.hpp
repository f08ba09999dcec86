#pragma once
// The `options` a page passes with Command.create(...): cwd, env, encoding, sidecar, checked
// before anything runs. env keeps Tauri's meaning: absent adds nothing to the host's environment,
// null starts the child with an empty one, an object adds or replaces variables. Which variables
// and folders a page may name at all is the scope entry's decision (shell_scope.hpp: authorize).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::shell_plugin {

struct CommandOptions {
  std::string cwd;  // empty: the host's
  bool clear_env = false;
  std::vector<std::pair<std::string, std::string>> env;
  std::optional<std::string> encoding;
  bool sidecar = false;
};

// Throws std::invalid_argument naming the option and what was expected (the shape only: a
// well-formed variable or folder may still be refused by the scope).
CommandOptions parse_command_options(const boost::json::value* options);

// The child's environment as "NAME=value" strings: `base` (the host's, "NAME=value" each) unless
// cleared, with the options' variables added or replacing.
std::vector<std::string> child_environment(const CommandOptions& o, const std::vector<std::string>& base);

// The host process's environment, "NAME=value" each.
std::vector<std::string> host_environment();

}  // namespace warden::shell_plugin
