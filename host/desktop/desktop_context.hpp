#pragma once
// What the desktop core plugins (window, webview, app, image: @tauri-apps/api's modules that act
// on windows and the session) need of the run. One object per run, built by `warden run` before
// the command table; the hooks that need the open windows' machinery (creating a window, ending
// the run) are filled in once that machinery exists, and fail the call until then.
#include <functional>
#include <string>

#include "plugin/path_variables.hpp"
#include "plugin/resource_table.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {

struct DesktopContext {
  webview::WindowSet& windows;
  runtime::EventBus& events;
  runtime::MainThreadQueue& main_thread;
  plugin::ResourceTable& resources;
  const plugin::PathEnvironment& paths;
  // [main-thread] Ends the run with `code` once the current call has answered (app|exit).
  std::function<void(int code)> exit_app;
};

}  // namespace warden::desktop
