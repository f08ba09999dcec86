#include "desktop/webview_commands.hpp"

namespace warden::desktop {

void add_webview_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop
