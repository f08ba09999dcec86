#pragma once
// core:webview: creating windows and webviews at run time (window|create, webview|create_webview, webview|create_webview_window) and every plugin:webview|* command.
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop {

void add_webview_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop
