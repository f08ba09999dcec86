#include "cli/app_lifecycle.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <utility>

#include <spdlog/spdlog.h>

namespace warden::cli {
namespace fs = std::filesystem;

namespace {

// The process is what a restart replaces, so what it asks for is the process's, not the run's.
std::atomic<bool> restart_asked{false};
std::atomic<int> rapid_restarts{0};  // the count run_app hands to the next process

constexpr const char* self_binary = "/proc/self/exe";

int rapid_restarts_before() {
  const char* value = std::getenv(restart_count_variable);
  if (!value) return 0;
  char* end = nullptr;
  long n = std::strtol(value, &end, 10);
  return (end == value || *end || n < 0 || n > max_rapid_restarts) ? 0 : static_cast<int>(n);
}

std::string absolute_of(const fs::path& cwd, const std::string& path) {
  fs::path p(path);
  return (p.is_absolute() ? p : cwd / p).lexically_normal().string();
}

}  // namespace

std::vector<std::string> launch_command_of(const fs::path& binary, const fs::path& cwd, const std::string& app_dir,
                                           const std::vector<std::string>& plugin_dirs) {
  std::vector<std::string> out{binary.string(), "run", absolute_of(cwd, app_dir)};
  for (const std::string& dir : plugin_dirs) {
    out.push_back("--plugins");
    out.push_back(absolute_of(cwd, dir));
  }
  return out;
}

plugin::AppIdentity app_identity_of(std::string identifier, std::string product_name, std::string version) {
  if (product_name.empty()) product_name = identifier;
  return {std::move(identifier), std::move(product_name), std::move(version)};
}

std::vector<std::string> split_command_line(std::string_view nul_terminated) {
  std::vector<std::string> out;
  while (!nul_terminated.empty()) {
    size_t end = nul_terminated.find('\0');
    out.emplace_back(nul_terminated.substr(0, end));
    if (end == std::string_view::npos) break;
    nul_terminated.remove_prefix(end + 1);
  }
  return out;
}

std::optional<int> rapid_restarts_after(int before, std::chrono::steady_clock::duration lived) {
  if (lived >= rapid_restart_window) return 0;
  if (before >= max_rapid_restarts) return std::nullopt;
  return before + 1;
}

struct RunLifecycle::State {
  std::mutex mutex;
  runtime::MainThreadQueue& main_thread;
  desktop::DesktopContext* desktop;  // null once the run's RunLifecycle is gone: every hook refuses
  std::vector<std::string> launch_command;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

namespace {

// [any-thread] Ends the run through the desktop's exit path, as app|exit does; on the main
// thread, since that is where exit_app is set and cleared.
int end_run(const std::shared_ptr<RunLifecycle::State>& s, int code, std::optional<int> restart_count) {
  std::lock_guard lock(s->mutex);
  if (!s->desktop) return -1;
  s->main_thread.post([s, code, restart_count] {
    std::lock_guard lock(s->mutex);
    if (!s->desktop || !s->desktop->exit_app)
      return spdlog::warn("warden.app-lifecycle/1: no window is open to end (the run is starting or ending); "
                          "the {} is dropped",
                          restart_count ? "restart" : "exit");
    if (restart_count) {
      rapid_restarts = *restart_count;
      restart_asked = true;
    }
    s->desktop->exit_app(code);
  });
  return 0;
}

int restart_run(const std::shared_ptr<RunLifecycle::State>& s) {
  if (::access(self_binary, X_OK) != 0)
    return spdlog::error("restart refused: {} is not executable ({})", self_binary, std::strerror(errno)), -1;
  auto count = rapid_restarts_after(rapid_restarts_before(), std::chrono::steady_clock::now() - s->started);
  if (!count)
    return spdlog::error("restart refused: {} restarts in a row each came less than {} s after the start; "
                         "the app stays up (a page restarting on every load?)",
                         max_rapid_restarts, rapid_restart_window.count()),
           -1;
  spdlog::info("restart: the run ends, then {} starts again with the same arguments", self_binary);
  return end_run(s, 0, count);
}

}  // namespace

RunLifecycle::RunLifecycle(plugin::AppHooks& hooks, runtime::MainThreadQueue& main_thread,
                           desktop::DesktopContext& desktop, std::vector<std::string> launch_command)
    : state_(new State{{}, main_thread, &desktop, std::move(launch_command)}) {
  auto s = state_;
  hooks.exit = [s](int code) {
    spdlog::info("exit {} asked by a plugin", code);
    return end_run(s, code, std::nullopt);
  };
  hooks.restart = [s] { return restart_run(s); };
  hooks.launch_command = [s]() -> std::optional<std::vector<std::string>> {
    std::lock_guard lock(s->mutex);
    if (!s->desktop) return std::nullopt;
    return s->launch_command;
  };
}

RunLifecycle::~RunLifecycle() {
  std::lock_guard lock(state_->mutex);
  state_->desktop = nullptr;
}

bool restart_requested() { return restart_asked; }

int restart_process() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args = split_command_line(raw);
  if (args.empty()) return spdlog::error("restart failed: /proc/self/cmdline could not be read"), 1;
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::setenv(restart_count_variable, std::to_string(rapid_restarts.load()).c_str(), 1);
  // Descriptors a library left open (without FD_CLOEXEC) must not leak into the new process.
  ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  spdlog::info("restart: executing {} again", args.front());
  spdlog::default_logger()->flush();
  ::execv(self_binary, argv.data());
  spdlog::error("restart failed: cannot execute {}: {}", self_binary, std::strerror(errno));
  return 1;
}

}  // namespace warden::cli
