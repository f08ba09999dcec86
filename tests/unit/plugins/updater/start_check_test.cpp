// Asking the host whether an extracted update would start (start_check.hpp): the command line
// built from the launch command, and the real `warden acl resolve` and real child processes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "start_check.hpp"

namespace fs = std::filesystem;
namespace up = warden::updater;
using namespace std::chrono_literals;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "warden-start-check-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A 1.1.0 app folder whose main window gets `permission`.
void write_app(const fs::path& folder, const std::string& permission) {
  fs::create_directories(folder / "capabilities");
  std::ofstream(folder / "warden.conf.json") << R"({ "identifier": "dev.app", "version": "1.1.0" })";
  std::ofstream(folder / "capabilities/main.json")
      << R"({ "identifier": "main", "windows": ["main"], "permissions": [")" + permission + R"("] })";
}

TEST(StartCheckCommand, MapsPluginFoldersInsideTheAppFolderAndKeepsSharedOnes) {
  up::AppLocation location{"/home/u/apps/myapp",
                           {"/home/u/apps/myapp/plugins", "/opt/warden/plugins", "/home/u/apps/myapp",
                            "/home/u/apps/myapp/lib/more", "/home/u/apps/myapp-plugins"},
                           "/usr/bin/warden"};
  auto argv = up::start_check_command(location, "/home/u/apps/.myapp.update-Ab12Cd");
  std::vector<std::string> expected{"/usr/bin/warden", "--log-level", "error", "acl", "resolve",
                                    "--app", "/home/u/apps/.myapp.update-Ab12Cd",
                                    "--plugins", "/home/u/apps/.myapp.update-Ab12Cd/plugins",
                                    "--plugins", "/opt/warden/plugins",
                                    "--plugins", "/home/u/apps/.myapp.update-Ab12Cd",
                                    "--plugins", "/home/u/apps/.myapp.update-Ab12Cd/lib/more",
                                    "--plugins", "/home/u/apps/myapp-plugins"};
  EXPECT_EQ(argv, expected);
  location.plugin_folders.clear();
  EXPECT_EQ(up::start_check_command(location, "/x").size(), 7u) << "no plugin folder: none given";
}

TEST(StartCheck, TheRealHostRefusesACapabilityForAnUnloadedPlugin) {
  TempDir t;
  fs::create_directories(t.path() / "shared-plugins");
  write_app(t.path() / "new", "ping:default");
  up::AppLocation location{t.path() / "app", {t.path() / "shared-plugins"}, WARDEN_BIN};
  try {
    up::check_update_starts(location, t.path() / "new");
    FAIL() << "the host accepted a capability naming a plugin that does not load";
  } catch (const up::UpdateWouldNotStart& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find("the new version would not start with this run's plugins: "), 0u) << what;
    EXPECT_NE(what.find("unknown plugin 'ping'"), std::string::npos) << what;
    EXPECT_NE(what.find(": capabilities/main.json:"), std::string::npos) << "the file, relative: " << what;
    EXPECT_EQ(what.find(t.path().string()), std::string::npos) << "no path of this machine: " << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line for the page: " << what;
    EXPECT_NE(e.host_errors().find("unknown plugin 'ping'"), std::string::npos);
  }
}

TEST(StartCheck, TheRealHostAcceptsAnAppItCanStart) {
  TempDir t;
  fs::create_directories(t.path() / "shared-plugins");
  write_app(t.path() / "new", "core:default");
  up::AppLocation location{t.path() / "app", {t.path() / "shared-plugins"}, WARDEN_BIN};
  EXPECT_NO_THROW(up::check_update_starts(location, t.path() / "new"));
}

TEST(StartCheckCommand, AsksForThePluginVerdictsAsJson) {
  up::AppLocation location{"/a/app", {"/a/app/plugins", "/opt/plugins"}, "/usr/bin/warden"};
  std::vector<std::string> expected{"/usr/bin/warden", "--log-level", "error", "plugin", "ls", "--app", "/a/.app.update-X",
                                    "--plugins", "/a/.app.update-X/plugins", "--plugins", "/opt/plugins", "--json"};
  EXPECT_EQ(up::app_library_check_command(location, "/a/.app.update-X"), expected);
  location.plugin_folders.clear();
  expected = {"/usr/bin/warden", "--log-level", "error", "plugin", "ls", "--app", "/a/.app.update-X",
              "--plugins", "/a/.app.update-X", "--json"};
  EXPECT_EQ(up::app_library_check_command(location, "/a/.app.update-X"), expected) << "plugin ls needs a folder";
}

TEST(StartCheck, ReadsTheAppLibrarysVerdict) {
  EXPECT_EQ(up::refused_app_library(R"({"plugins":[{"file":"/x/ping.so","from":"folder","status":"refused","reason":"r"}]})"),
            std::nullopt) << "an ordinary plugin refused: `run` goes on without it";
  EXPECT_EQ(up::refused_app_library(R"({"plugins":[{"file":"/x/a.app.so","from":"app.library","status":"load"}]})"),
            std::nullopt);
  EXPECT_EQ(up::refused_app_library(R"({"plugins":[{"file":"/x/a.app.so","from":"app.library","status":"refused","reason":"pin"}]})"),
            "the app library was refused: /x/a.app.so: pin");
  EXPECT_NE(up::refused_app_library("not json"), std::nullopt) << "an answer that cannot be read refuses";
  EXPECT_NE(up::refused_app_library(R"({"plugin":[]})"), std::nullopt);
}

// `acl resolve` accepts an app whose app library is missing; `warden run` stops: the plugin list says it.
TEST(StartCheck, TheRealHostRefusesAMissingAppLibrary) {
  TempDir t;
  write_app(t.path() / "new", "core:default");
  std::ofstream(t.path() / "new/warden.conf.json")
      << R"({ "identifier": "dev.app", "version": "1.1.0", "app": { "library": "missing.app.so" } })";
  up::AppLocation location{t.path() / "app", {}, WARDEN_BIN};
  try {
    up::check_update_starts(location, t.path() / "new");
    FAIL() << "the host accepted an app whose app library is missing";
  } catch (const up::UpdateWouldNotStart& e) {
    EXPECT_EQ(std::string(e.what()),
              "the new version would not start with this run's plugins: the app library was refused: missing.app.so: "
              "cannot open: No such file or directory");
  }
}

TEST(StartCheck, AMalformedConfigIsRefusedWithTheHostsReason) {
  TempDir t;
  write_app(t.path() / "new", "core:default");
  std::ofstream(t.path() / "new/warden.conf.json") << "{ not json";
  up::AppLocation location{t.path() / "app", {}, WARDEN_BIN};
  EXPECT_THROW(up::check_update_starts(location, t.path() / "new"), up::UpdateWouldNotStart);
}

TEST(StartCheck, AMissingHostRefusesTheUpdate) {
  TempDir t;
  write_app(t.path() / "new", "core:default");
  up::AppLocation location{t.path() / "app", {}, t.path() / "no-such-warden"};
  try {
    up::check_update_starts(location, t.path() / "new");
    FAIL() << "an update was accepted without asking the host";
  } catch (const up::ArchiveRefused& e) {
    EXPECT_NE(std::string(e.what()).find("cannot ask the host"), std::string::npos) << e.what();
  }
}

TEST(RunCommand, GivesTheExitStatusAndCapsWhatStderrHolds) {
  auto outcome = up::run_command({"/bin/sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x >&2; echo out; exit 3"}, 30s);
  EXPECT_EQ(outcome.exit_status, 3);
  EXPECT_EQ(outcome.errors.size(), up::kMaxHostErrorBytes);
  EXPECT_EQ(outcome.errors.find_first_not_of('x'), std::string::npos) << "stdout is discarded";
}

TEST(RunCommand, KeepsStdoutWhenAsked) {
  auto outcome = up::run_command({"/bin/sh", "-c", "echo out; echo err >&2"}, 30s, true);
  EXPECT_EQ(outcome.exit_status, 0);
  EXPECT_EQ(outcome.output, "out\n");
  EXPECT_EQ(outcome.errors, "err\n");
}

TEST(RunCommand, GivesNoDescriptorButTheStandardOnesAndNoInput) {
  auto outcome = up::run_command({"/bin/sh", "-c", "ls /proc/self/fd >&2; cat; exit 0"}, 30s);
  EXPECT_EQ(outcome.exit_status, 0);
  // 0, 1, 2 and the one ls itself opens to list the folder.
  EXPECT_EQ(outcome.errors, "0\n1\n2\n3\n");
}

TEST(RunCommand, KillsACommandThatOutlivesTheTimeout) {
  auto start = std::chrono::steady_clock::now();
  auto outcome = up::run_command({"/bin/sleep", "30"}, 300ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(outcome.exit_status, -1);
  EXPECT_NE(outcome.ended_how.find("timed out"), std::string::npos) << outcome.ended_how;
}

}  // namespace
