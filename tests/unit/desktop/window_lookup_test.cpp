// core:window's commands as the table holds them: which the window part registers, and how a
// call naming no open window is answered (no display needed: the lookup fails before GTK).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "desktop/desktop_context.hpp"
#include "desktop/window_commands.hpp"
#include "runtime/command_table.hpp"
#include "runtime/completion.hpp"
#include "runtime/invocation.hpp"

namespace warden::desktop {
namespace {

struct Fixture {
  runtime::MainThreadQueue main_thread;
  runtime::EventBus events{main_thread, [](const std::string&, uint64_t, uint32_t, const std::string&) {}};
  webview::WindowSet windows;
  plugin::ResourceTable resources;
  plugin::PathEnvironment paths;
  DesktopContext context{windows, events, main_thread, resources, paths, {}};
  runtime::CommandTable commands;

  Fixture() { add_window_commands(commands, context); }

  // Calls `command` from window "main" (not open: the set is empty) and returns the answer.
  ipc::InvokeResponse call(const std::string& command, const std::string& args_json) {
    ipc::InvokeResponse answer;
    runtime::Invocation call;
    call.command = "plugin:window|" + command;
    call.args_json = args_json;
    call.caller = {"main", "main", "app://localhost", "app://localhost/", 0};
    call.completion =
        std::make_shared<runtime::Completion>([&answer](ipc::InvokeResponse r) { answer = std::move(r); });
    const runtime::Command* c = commands.find(call.command);
    EXPECT_NE(c, nullptr) << call.command;
    if (c) c->run(call);
    EXPECT_TRUE(call.completion->settled()) << call.command;
    return answer;
  }
};

std::set<std::string> package_window_commands() {
  auto file = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data" / "tauri-api" /
              "core-commands.txt";
  std::ifstream in(file);
  EXPECT_TRUE(in) << "cannot read " << file;
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);)
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
