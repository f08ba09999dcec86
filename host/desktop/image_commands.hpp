#pragma once
// core:image: images as page-owned resources (plugin:image|new, from_bytes, from_path, rgba, size).
#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

namespace warden::desktop {

void add_image_commands(runtime::CommandTable& commands, DesktopContext& context);

}  // namespace warden::desktop
