#pragma once
// warden.app-lifecycle/1 in `warden run`: how a plugin ends the run (as app|exit does), restarts
// it (the run ends as for exit(0), then run_app replaces the process with the same binary and the
// same arguments once the windows are closed and the plugins shut down) and learns the command
// line that starts this app (autostart). The AppHooks' functions are what this object answers.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "desktop/desktop_context.hpp"
#include "plugin/app_hooks.hpp"
#include "runtime/main_thread_queue.hpp"

namespace warden::cli {

// [binary, "run", app folder, "--plugins", folder, ...], every path absolute (relative ones
// against `cwd`) and without the options only tests use (--exit-*, --timeout, --screenshot, ...).
std::vector<std::string> launch_command_of(const std::filesystem::path& binary, const std::filesystem::path& cwd,
                                           const std::string& app_dir, const std::vector<std::string>& plugin_dirs);

// The arguments of /proc/<pid>/cmdline: each one ends with a NUL.
std::vector<std::string> split_command_line(std::string_view nul_terminated);

// The app's identity as plugins see it (warden.app-lifecycle/1 app_identity): an empty
// productName reads as the identifier, so that no plugin names the app "".
plugin::AppIdentity app_identity_of(std::string identifier, std::string product_name, std::string version);

// A page that restarts the app on every load would make it flap for ever. A run that lived less
// than rapid_restart_window before its restart is a rapid restart; after max_rapid_restarts of
// them in a row the next one is refused (the app stays up and the caller is told). The count
// crosses the exec in the environment variable restart_count_variable. 30 s: longer than a loaded
// machine takes to start WebKit and load a page, shorter than a user takes to restart an app
// four times by hand (after changing a setting, say).
inline constexpr std::chrono::seconds rapid_restart_window{30};
inline constexpr int max_rapid_restarts = 3;
inline constexpr const char* restart_count_variable = "WARDEN_RAPID_RESTARTS";
// The count after this restart (rapid ones in a row, this one included), nullopt: refused.
std::optional<int> rapid_restarts_after(int before, std::chrono::steady_clock::duration lived);

// Fills hooks.exit, hooks.restart and hooks.launch_command for one run. `desktop` is the run's
// (its exit_app ends the run); the hooks refuse once this object is gone, so it must be declared
// after `desktop` and before the run ends.
class RunLifecycle {
 public:
  RunLifecycle(plugin::AppHooks& hooks, runtime::MainThreadQueue& main_thread, desktop::DesktopContext& desktop,
               std::vector<std::string> launch_command);
  ~RunLifecycle();
  RunLifecycle(const RunLifecycle&) = delete;
  RunLifecycle& operator=(const RunLifecycle&) = delete;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

// Whether a restart ended this process's run (set on the main thread when the exit began).
bool restart_requested();

// Replaces the process with /proc/self/exe and the arguments it was started with. Returns only
// when that fails, with the status the run should end with (logged).
int restart_process();

}  // namespace warden::cli
