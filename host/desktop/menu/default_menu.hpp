#pragma once
// Menu.default(): the menu Tauri makes when an app configures none, as it is on Linux: Edit
// (Undo, Redo, a separator, Cut, Copy, Paste, Select All), Window (Minimize, Maximize, Close
// Window) and Help (About). The Window and Help submenus have Tauri's fixed ids.
#include <memory>
#include <string>

#include "desktop/menu/menu_item.hpp"

namespace warden::desktop::menu {

inline constexpr const char* kWindowSubmenuId = "__tauri_window_menu__";
inline constexpr const char* kHelpSubmenuId = "__tauri_help_menu__";

// [main-thread] A new default menu (new items, new ids); its About item names the app (productName
// and version, as Tauri's does; empty: not shown).
std::shared_ptr<MenuItem> default_menu(const std::string& app_name, const std::string& app_version);

}  // namespace warden::desktop::menu
