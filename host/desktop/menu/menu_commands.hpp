#pragma once
// core:menu: the 22 `plugin:menu|*` commands @tauri-apps/api's menu module invokes (H1, issue 17).
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop::menu {

void add_menu_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop::menu
