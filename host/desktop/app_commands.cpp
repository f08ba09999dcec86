#include "desktop/app_commands.hpp"

namespace warden::desktop {

void add_app_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop
