#pragma once
// core:app: every plugin:app|* command of @tauri-apps/api's app module.
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop {

void add_app_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop
