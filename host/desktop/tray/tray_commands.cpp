#include "desktop/tray/tray_commands.hpp"

namespace warden::desktop::tray {

void add_tray_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop::tray
