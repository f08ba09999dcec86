// The `warden` executable: results on stdout, logs and errors on stderr.
// Exit codes: 0 success (or "allowed"), 1 a negative answer (e.g. "denied"), 2 bad input.
#include <exception>
#include <iostream>
#include <optional>

#include "cli/command.hpp"
#include "cli/doctor_command.hpp"
#include "cli/open_file_limit.hpp"
#include "log/log.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Warden: an application host with the security model of Tauri v2"};
  app.require_subcommand(1);
  std::optional<std::string> log_level;
  app.add_option("--log-level", log_level,
                 "trace, debug, info, warn, error, critical or off (default: $WARDEN_LOG or warn)");
  std::string log_format = "text";
  app.add_option("--log-format", log_format, "text (default) or json: one JSON object per line, for machines")
      ->check(CLI::IsMember({"text", "json"}));
  app.set_version_flag("--version", std::string("warden ") + WARDEN_VERSION);

  warden::cli::Action action;
  warden::cli::register_plugin_commands(app, action);
  warden::cli::register_acl_commands(app, action);
  warden::cli::register_permission_commands(app, action);
  warden::cli::register_run_command(app, action);
  warden::cli::register_doctor_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    warden::log::init(log_level, log_format);
  } catch (const std::exception& e) {
    std::cerr << "warden: " << e.what() << "\n";
    return 2;
  }
  if (!action) return 2;
  warden::cli::raise_open_file_limit();
  try {
    return action();
  } catch (const std::exception& e) {
    std::cerr << "warden: " << e.what() << "\n";
    return 2;
  }
}
