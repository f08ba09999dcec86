#include "desktop/menu/menu_commands.hpp"

namespace warden::desktop::menu {

void add_menu_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop::menu
