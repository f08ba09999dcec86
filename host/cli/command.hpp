#pragma once
// How a `warden` subcommand plugs into the CLI: each concern registers its subcommands on
// the root app and, when one is chosen, stores the action that main() runs after parsing.
#include <functional>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>

namespace warden::cli {

// Runs the chosen command; returns the process exit code.
using Action = std::function<int()>;

// Thrown by an action for bad input: main() prints the message on stderr and exits 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void register_plugin_commands(CLI::App& root, Action& action);      // plugin_commands.cpp
void register_plugin_ls(CLI::App& plugin, Action& action);          // plugin_ls_command.cpp
void register_acl_commands(CLI::App& root, Action& action);         // acl_commands.cpp
void register_permission_commands(CLI::App& root, Action& action);  // permission_commands.cpp
void register_run_command(CLI::App& root, Action& action);           // run_command.cpp

}  // namespace warden::cli
