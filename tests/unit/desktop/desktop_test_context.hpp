#pragma once
// What the desktop core plugins' unit tests share: the run's objects a DesktopContext refers to
// (none needs a display), a call made as the app's main page, and the pinned package's command list.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"
#include "runtime/completion.hpp"
#include "runtime/invocation.hpp"

namespace warden::desktop::test {

struct DesktopTestContext {
  runtime::MainThreadQueue main_thread;
  runtime::EventBus events{main_thread, [](const std::string&, uint64_t, uint32_t, const std::string&) {}};
  webview::WindowSet windows;
  plugin::ResourceTable resources;
  plugin::PathEnvironment paths;
  DesktopContext context{windows, events, main_thread, resources, paths, {}};
  runtime::CommandTable commands;

  // Runs `command` as webview "main" of window "main" (app://localhost) and returns its answer:
  // the command must be registered and answer before it returns.
  ipc::InvokeResponse call(const std::string& command, const std::string& args_json) {
    ipc::InvokeResponse answer;
    runtime::Invocation call;
    call.command = command;
    call.args_json = args_json;
    call.caller = {"main", "main", "app://localhost", "app://localhost/", 0};
    call.completion =
        std::make_shared<runtime::Completion>([&answer](ipc::InvokeResponse r) { answer = std::move(r); });
    const runtime::Command* c = commands.find(command);
    EXPECT_NE(c, nullptr) << command;
    if (c) c->run(call);
    EXPECT_TRUE(call.completion->settled()) << command;
    return answer;
  }
};

// The core commands the pinned @tauri-apps/api invokes ("window|set_title" per line), from the
// repository's tests/data/tauri-api (found from this file's path: the test target defines no data path).
inline std::vector<std::string> package_core_commands() {
  auto file = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data" / "tauri-api" /
              "core-commands.txt";
  std::ifstream in(file);
  EXPECT_TRUE(in) << "cannot read " << file;
  std::vector<std::string> commands;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) commands.push_back(line);
  return commands;
}

}  // namespace warden::desktop::test
