#pragma once
// PredefinedMenuItem on Linux: the package's names, the text and shortcut each shows, which ones
// GTK menus show at all, and what picking one does. As in Tauri on Linux, Hide, HideOthers,
// ShowAll, Services and BringAllToFront are not shown (they are macOS's); unlike Tauri (whose GTK
// menus drop Undo, Redo, Minimize, Maximize, Fullscreen, CloseWindow and Quit), Warden shows
// those and makes them work (docs/menus.md).
#include <optional>
#include <string_view>

#include "desktop/desktop_context.hpp"
#include "desktop/menu/accelerator.hpp"
#include "desktop/menu/menu_item.hpp"

namespace warden::desktop::menu {

// "Separator", "Copy", ... as the package sends `item` (About is an object, {About: {...}}).
std::optional<Predefined> predefined_from_name(std::string_view name);
// The text an item shows when the page gives none (with '&' before the mnemonic, as Tauri's).
std::string_view predefined_text(Predefined which);
// Whether GTK menus (window menus, context menus, the tray's) show it.
bool shown_on_linux(Predefined which);
// The shortcut shown next to it (the edit items: WebKit handles those keys itself, so they are
// shown, not registered); nullopt for the others.
std::optional<Accelerator> predefined_shortcut(Predefined which);

// [main-thread] Does what picking `item` (a predefined item) does in window `window_label`'s
// menu: the edit commands on the window's focused webview, the window actions, About's dialog,
// Quit through the run's exit. Without a window (the tray), only Quit and About act.
void perform_predefined(const MenuItem& item, DesktopContext& context, const std::string& window_label = {});

}  // namespace warden::desktop::menu
