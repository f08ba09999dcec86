#include "desktop/desktop_commands.hpp"

#include "desktop/app_commands.hpp"
#include "desktop/image_commands.hpp"
#include "desktop/menu/menu_commands.hpp"
#include "desktop/tray/tray_commands.hpp"
#include "desktop/webview_commands.hpp"
#include "desktop/window_commands.hpp"

namespace warden::desktop {

void add_desktop_commands(runtime::CommandTable& commands, DesktopContext& context) {
  add_window_commands(commands, context);
  add_webview_commands(commands, context);
  add_app_commands(commands, context);
  add_image_commands(commands, context);
  menu::add_menu_commands(commands, context);
  tray::add_tray_commands(commands, context);
}

}  // namespace warden::desktop
