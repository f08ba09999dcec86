// core:window's commands as the table holds them: which the window part registers, and how a
// call naming no open window is answered (no display needed: the lookup fails before GTK).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "desktop/window_commands.hpp"
#include "desktop_test_context.hpp"

namespace warden::desktop {
namespace {

// The window commands, called by their short name ("title" for plugin:window|title).
struct Fixture : test::DesktopTestContext {
  Fixture() { add_window_commands(commands, context); }
  ipc::InvokeResponse call(const std::string& command, const std::string& args_json) {
    return DesktopTestContext::call("plugin:window|" + command, args_json);
  }
};

std::set<std::string> package_window_commands() {
  std::set<std::string> out;
  for (const auto& line : test::package_core_commands())
    if (line.rfind("window|", 0) == 0) out.insert(line.substr(7));
  return out;
}

// Every window command of the package but create and get_all_windows (core:webview's), plus the
// drag-region script's internal_toggle_maximize; nothing else.
TEST(WindowCommands, RegistersThePackagesWindowCommandsButCreation) {
  Fixture f;
  std::set<std::string> expected = package_window_commands();
  ASSERT_EQ(expected.size(), 78u);
  expected.erase("create");
  expected.erase("get_all_windows");
  expected.insert("internal_toggle_maximize");
  std::set<std::string> registered;
  for (const auto& name : f.commands.names()) registered.insert(name.substr(std::string("plugin:window|").size()));
  EXPECT_EQ(registered, expected);
}

TEST(WindowCommands, ANameNoOpenWindowHasIsWindowNotFound) {
  Fixture f;
  for (const char* command :
       {"title", "set_title", "close", "destroy", "set_size", "current_monitor", "start_dragging"}) {
    auto answer = f.call(command, R"({"label":"other","value":"x"})");
    EXPECT_NE(answer.status, 200) << command;
    EXPECT_NE(answer.body.find("window not found"), std::string::npos) << command << ": " << answer.body;
  }
  // No label, an empty or a null one: the caller's own window, here not open either.
  for (const char* args : {"{}", R"({"label":""})", R"({"label":null})"}) {
    auto answer = f.call("is_visible", args);
    EXPECT_NE(answer.body.find("window not found"), std::string::npos) << args << ": " << answer.body;
  }
}

TEST(WindowCommands, MalformedArgumentsAreRefusedNotThrown) {
  Fixture f;
  auto not_object = f.call("title", "[1]");
  EXPECT_NE(not_object.status, 200);
  EXPECT_NE(not_object.body.find("arguments must be an object"), std::string::npos) << not_object.body;
  auto bad_label = f.call("title", R"({"label":7})");
  EXPECT_NE(bad_label.status, 200);
  EXPECT_NE(bad_label.body.find("'label'"), std::string::npos) << bad_label.body;
  auto not_json = f.call("title", "{");
  EXPECT_NE(not_json.status, 200);
}

}  // namespace
}  // namespace warden::desktop
