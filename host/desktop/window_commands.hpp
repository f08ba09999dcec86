#pragma once
// core:window: every plugin:window|* command of @tauri-apps/api's window module and the window events (tauri://resize, move, focus, blur, close-requested, destroyed, theme-changed, scale-change).
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop {

void add_window_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop
