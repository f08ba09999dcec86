#pragma once
// Whether the host would start an extracted update, asked before the swap (docs/plugins/updater.md,
// "Would the new version start?"): a signed archive whose capabilities name a plugin this run does
// not load (or that the host refuses for any other reason at load) would install and then stop at
// the relaunch, with the old version gone. The host binary of the launch command resolves the new
// folder's ACL against the plugin folders the relaunch will use (`warden acl resolve`: the same
// config reader, plugin admission and ACL assembly as `warden run`, no plugin code runs).
// [any-thread] blocking.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app_archive.hpp"
#include "app_install.hpp"

namespace warden::updater {

// The new version would not start: what() is for the page (the host's first error line),
// host_errors() for the log (all the host wrote, up to kMaxHostErrorBytes).
class UpdateWouldNotStart : public ArchiveRefused {
 public:
  UpdateWouldNotStart(const std::string& what, std::string host_errors)
      : ArchiveRefused(what), host_errors_(std::move(host_errors)) {}
  const std::string& host_errors() const { return host_errors_; }

 private:
  std::string host_errors_;
};

constexpr size_t kMaxHostErrorBytes = 64 * 1024;
constexpr std::chrono::seconds kStartCheckTimeout{30};

// The host's command line for `extracted`: {host binary, "--log-level", "error", "acl", "resolve",
// "--app", extracted, "--plugins", folder...}. A plugin folder inside the app folder becomes the
// same place inside `extracted` (the relaunch loads the new version's); one outside stays as is.
std::vector<std::string> start_check_command(const AppLocation& location, const std::filesystem::path& extracted);

// The host's plugin verdicts for `extracted`: {host, "--log-level", "error", "plugin", "ls", "--app",
// extracted, "--plugins", folder (mapped as above; `extracted` when the run has none)..., "--json"}. `acl resolve` does not look at
// the app library (app.library, app.sha256); `warden run` stops when it is refused.
std::vector<std::string> app_library_check_command(const AppLocation& location, const std::filesystem::path& extracted);

// From `plugin ls --json`'s output: why the app library is refused ("the app library was refused:
// <file>: <reason>", as `warden run` says it), or nullopt when it would load or the app has none.
std::optional<std::string> refused_app_library(const std::string& plugin_ls_json);

// How a command ended: its exit status (-1 when it did not exit by itself) and its stderr.
struct CommandOutcome {
  int exit_status = -1;
  std::string errors;          // at most kMaxHostErrorBytes
  std::string output;          // stdout when kept, at most 1 MiB
  std::string ended_how;       // when exit_status is -1: "timed out after 30000 ms", "killed by signal 9"
};

// Runs argv (no shell; stdin /dev/null, stdout discarded unless `keep_output`, stderr captured, no
// descriptor but 0-2 inherited, this process's environment), killed after `timeout`. Throws
// std::runtime_error when it cannot be started.
CommandOutcome run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                           bool keep_output = false);

// Throws UpdateWouldNotStart unless the host accepts `extracted` with this run's plugin folders:
// `acl resolve` (config, plugin admission, ACL), then `plugin ls` (the app library).
void check_update_starts(const AppLocation& location, const std::filesystem::path& extracted,
                         std::chrono::milliseconds timeout = kStartCheckTimeout);

}  // namespace warden::updater
