// Every core command the pinned @tauri-apps/api invokes (tests/data/tauri-api/core-commands.txt)
// is in the command table `warden run` builds: a
// command missing there is a call an app makes that fails with "unknown command" even when its
// capability grants it. And every core command registered has its allow- permission in the core
// table, so that a capability can grant it at all. The table is built as run_command.cpp builds
// it, from real objects; registering commands needs no display.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "desktop/desktop_commands.hpp"
#include "desktop_test_context.hpp"
#include "runtime/core_permissions.hpp"
#include "runtime/core_plugins.hpp"

namespace warden::desktop {
namespace {

using test::package_core_commands;

// The names `warden run` registers for the core plugins and the desktop ones.
std::set<std::string> registered_commands() {
  test::DesktopTestContext run;
  runtime::add_core_plugins(run.commands, run.events, {"n", "1.0.0", "dev.n"}, {});
  add_desktop_commands(run.commands, run.context);
  auto names = run.commands.names();
  return {names.begin(), names.end()};
}

// The package's commands of `plugin` ("window|...") that the table lacks, as one message.
void expect_registered(const std::string& plugin) {
  auto registered = registered_commands();
  std::vector<std::string> wanted, missing;
  for (const auto& c : package_core_commands())
    if (c.starts_with(plugin + "|")) wanted.push_back(c);
  ASSERT_FALSE(wanted.empty()) << "core-commands.txt lists no " << plugin << " command";
  for (const auto& c : wanted)
    if (!registered.count("plugin:" + c)) missing.push_back(c);
  std::string list;
  for (const auto& m : missing) list += "\n  " + m;
  EXPECT_TRUE(missing.empty()) << missing.size() << " of the " << wanted.size() << " " << plugin
                               << " commands @tauri-apps/api invokes are not implemented:" << list;
}

TEST(CoreCommandCoverage, WindowCommandsAreImplemented) { expect_registered("window"); }
TEST(CoreCommandCoverage, WebviewCommandsAreImplemented) { expect_registered("webview"); }
TEST(CoreCommandCoverage, AppCommandsAreImplemented) { expect_registered("app"); }
TEST(CoreCommandCoverage, ImageCommandsAreImplemented) { expect_registered("image"); }
TEST(CoreCommandCoverage, EventCommandsAreImplemented) { expect_registered("event"); }
TEST(CoreCommandCoverage, PathCommandsAreImplemented) { expect_registered("path"); }
TEST(CoreCommandCoverage, ResourcesCommandsAreImplemented) { expect_registered("resources"); }
TEST(CoreCommandCoverage, MenuCommandsAreImplemented) { expect_registered("menu"); }
TEST(CoreCommandCoverage, TrayCommandsAreImplemented) { expect_registered("tray"); }

// The whole list, whatever module it names: a module added to the package later shows up here.
TEST(CoreCommandCoverage, EveryCommandOfThePackageIsImplemented) {
  auto registered = registered_commands();
  auto wanted = package_core_commands();
  std::string missing;
  for (const auto& c : wanted)
    if (!registered.count("plugin:" + c)) missing += "\n  " + c;
  EXPECT_GE(wanted.size(), 160u) << "core-commands.txt lost commands";
  EXPECT_TRUE(missing.empty()) << "not implemented:" << missing;
}

TEST(CoreCommandCoverage, EveryRegisteredCoreCommandHasItsAllowPermission) {
  std::set<std::string> granted;  // "plugin:window|close"
  for (const auto& plugin : runtime::core_plugins())
    for (const auto& c : plugin.commands)
      granted.insert("plugin:" + std::string(plugin.name.substr(5)) + "|" + std::string(c.name));
  static const std::set<std::string> core{"window", "webview", "app", "image", "menu", "tray", "path", "event", "resources"};
  for (const auto& name : registered_commands()) {
    if (!name.starts_with("plugin:")) continue;
    auto bar = name.find('|');
    if (!core.count(name.substr(7, bar - 7))) continue;
    EXPECT_TRUE(granted.count(name)) << name << " is registered but no core permission grants it";
  }
}

}  // namespace
}  // namespace warden::desktop
