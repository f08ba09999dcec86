#pragma once
// Menu.popup / Submenu.popup: a menu shown as a context menu over a window, at a point of the
// window or at the pointer. The promise answers once it is shown; picking an item activates it
// as in a window menu. The context menu lives until it closes.
#include <memory>
#include <optional>

#include "desktop/desktop_context.hpp"
#include "desktop/menu/menu_item.hpp"

namespace warden::desktop::menu {

// A point in logical pixels from the top-left corner of the window's client area (what Tauri's
// position means on Linux: the menu bar, if any, is inside that area).
struct WindowPoint {
  int x = 0;
  int y = 0;
};

// [main-thread] Shows `menu` (a Menu or Submenu) over `window` at `at`, or at the pointer.
void popup_menu(std::shared_ptr<MenuItem> menu, webview::AppWindow& window, std::optional<WindowPoint> at,
                DesktopContext& context);

}  // namespace warden::desktop::menu
