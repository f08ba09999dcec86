// The tool runner: argv without a shell, output captured, a missing program named with its
// package, an overrun killed.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "desktop_tool.hpp"

namespace dl = warden::deep_link_plugin;
using namespace std::chrono_literals;

TEST(DesktopTool, RunsArgvWithoutAShell) {
  auto marker = std::filesystem::temp_directory_path() / ("deep-link-tool-" + std::to_string(::getpid()));
  std::filesystem::remove(marker);
  std::string hostile = "$(touch " + marker.string() + ")";
  dl::ToolResult r = dl::run_tool({"printf", "%s|", hostile, "two words"}, 5000ms);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, hostile + "|two words|");
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(DesktopTool, ExitStatusAndErrorOutput) {
  dl::ToolResult r = dl::run_tool({"sh", "-c", "echo oops >&2; exit 3"}, 5000ms);
  EXPECT_EQ(r.exit_status, 3);
  EXPECT_EQ(r.err, "oops\n");
}

TEST(DesktopTool, StdinIsEmpty) {
  dl::ToolResult r = dl::run_tool({"cat"}, 5000ms);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out, "");
}

TEST(DesktopTool, MissingProgramNamesItsPackage) {
  try {
    dl::run_tool({"warden-no-such-tool"}, 5000ms, "some-package");
    FAIL() << "a missing program ran";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot run warden-no-such-tool: it is not installed (Debian package some-package)");
  }
}

TEST(DesktopTool, OverrunKilled) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(dl::run_tool({"sleep", "30"}, 300ms), std::runtime_error);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(DesktopTool, OutputBounded) {
  dl::ToolResult r = dl::run_tool({"head", "-c", "200000", "/dev/zero"}, 5000ms);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.out.size(), dl::max_output_bytes);
}

TEST(DesktopTool, HostDescriptorsNotInherited) {
  // A descriptor of the host without O_CLOEXEC stays out of the child (closefrom 3).
  int fd = ::fcntl(2, F_DUPFD, 100);
  ASSERT_GE(fd, 100);
  dl::ToolResult r = dl::run_tool({"sh", "-c", "ls /proc/self/fd"}, 5000ms);
  ::close(fd);
  EXPECT_EQ(r.out.find("\n" + std::to_string(fd) + "\n"), std::string::npos) << r.out;
}
