#include "desktop/image_commands.hpp"

namespace warden::desktop {

void add_image_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop
