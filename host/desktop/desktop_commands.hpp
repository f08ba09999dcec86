#pragma once
// The desktop core plugins in one call: window, webview, app and image (one file each).
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop {

// `context` must outlive the table: the commands keep a reference to it.
void add_desktop_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop
