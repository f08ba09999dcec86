// Every core command registered here has exactly one allow- permission in the core manifest: a
// core command no capability could grant fails here rather than in an app. (That every allow-
// permission names a command of Tauri's is core_permissions_test's.)
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "acl/permission_file.hpp"
#include "runtime/command_table.hpp"
#include "runtime/core_permissions.hpp"
#include "runtime/core_plugins.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"

namespace warden::runtime {
namespace {

// "plugin:window|close" -> "core:window", "close".
std::pair<std::string, std::string> core_name(const std::string& command) {
  auto bar = command.find('|');
  return {"core:" + command.substr(7, bar - 7), command.substr(bar + 1)};
}

std::set<std::string> registered_core_commands() {
  MainThreadQueue main_thread;
  EventBus events(main_thread, [](const std::string&, uint64_t, uint32_t, const std::string&) {});
  CommandTable commands;
  add_core_plugins(commands, events, {"n", "1.0.0", "dev.n"}, {});
  auto names = commands.names();
  return {names.begin(), names.end()};
}

// "core:window" -> its allow- permissions, by the command each allows.
std::map<std::string, std::multimap<std::string, std::string>> allow_permissions() {
  std::map<std::string, std::multimap<std::string, std::string>> out;
  for (const auto& file : core_permission_files()) {
    auto parsed = acl::parse_permission_file(file.toml, acl::FileFormat::toml, "built-in " + file.plugin);
    for (const auto& p : parsed.permissions) {
      if (!p.identifier.starts_with("allow-")) continue;
      EXPECT_EQ(p.commands_allow.size(), 1u) << file.plugin << ":" << p.identifier << " allows one command";
      for (const auto& c : p.commands_allow) out[file.plugin].emplace(c, p.identifier);
    }
  }
  return out;
}

TEST(CorePlugins, EveryCommandHasExactlyOneAllowPermission) {
  auto allows = allow_permissions();
  auto commands = registered_core_commands();
  ASSERT_FALSE(commands.empty());
  for (const auto& command : commands) {
    auto [plugin, name] = core_name(command);
    EXPECT_EQ(allows[plugin].count(name), 1u) << command << " needs exactly one allow- permission in " << plugin;
  }
}

// The window commands (close included) are warden_desktop's (host/desktop/window_commands.cpp).
TEST(CorePlugins, PathCommandsAreCoreCommandsAndWindowOnesAreNot) {
  auto commands = registered_core_commands();
  EXPECT_TRUE(commands.count("plugin:path|resolve_directory"));
  EXPECT_FALSE(commands.count("plugin:window|close"));
}

}  // namespace
}  // namespace warden::runtime
