#pragma once
// Runs one of the desktop's tools (xdg-mime, update-desktop-database) as a process of its own:
// argv as given, never through a shell, so a value can never become a command; stdin from
// /dev/null, stdout and stderr read (at most max_output_bytes each), no descriptor of the host
// but those three inherited, and killed when it overruns its time.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace warden::deep_link_plugin {

inline constexpr std::size_t max_output_bytes = 64 * 1024;

struct ToolResult {
  int exit_status = -1;  // the exit code; -1 when a signal ended it
  std::string out;
  std::string err;
};

// Throws std::runtime_error naming the program when it cannot start (e.g. not installed: the
// message names its Debian package when `package` is given) or overran `timeout` (then killed).
ToolResult run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                    const std::string& package = {});

}  // namespace warden::deep_link_plugin
