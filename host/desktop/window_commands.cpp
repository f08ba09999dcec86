#include "desktop/window_commands.hpp"

namespace warden::desktop {

void add_window_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop
