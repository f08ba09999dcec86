#pragma once
// Menus and menu items as resources of the page that made them (as Tauri keeps them in the
// webview's resource table): a page names an item by `[rid, kind]`, and only its own ids resolve;
// another window's page, another origin or the next page of the same webview gets "not found".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "desktop/desktop_context.hpp"
#include "desktop/menu/menu_item.hpp"
#include "runtime/caller.hpp"

namespace boost::json {
class value;
}

namespace warden::desktop::menu {

// The resource table's plugin name for menus and their items.
inline constexpr const char* kMenuPlugin = "core:menu";

// Adds `item` for the caller and returns its id; 0 when the page is already gone.
uint32_t add_menu_item(DesktopContext& context, const runtime::Caller& caller, std::shared_ptr<MenuItem> item);
// The caller's item `rid` when it is of `kind`; nullptr otherwise (an unknown id, another page's,
// or another kind: all answered alike).
std::shared_ptr<MenuItem> find_menu_item(const DesktopContext& context, const runtime::Caller& caller, uint32_t rid,
                                         ItemKind kind);
// `[rid, kind]` as the package sends it (menu.js `[item.rid, item.kind]`, tray.js `options.menu`):
// the caller's item, or nullptr with `error` saying what was wrong.
std::shared_ptr<MenuItem> menu_item_from_arg(const boost::json::value& arg, const DesktopContext& context,
                                             const runtime::Caller& caller, std::string& error);

}  // namespace warden::desktop::menu
