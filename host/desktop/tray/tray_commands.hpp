#pragma once
// core:tray: the 12 `plugin:tray|*` commands @tauri-apps/api's tray module invokes, the icon a
// StatusNotifierItem on the session bus (H2, issue 17).
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop::tray {

void add_tray_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop::tray
