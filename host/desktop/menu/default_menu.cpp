#include "desktop/menu/default_menu.hpp"

#include <initializer_list>
#include <string>

#include "desktop/menu/menu_options.hpp"
#include "desktop/menu/predefined_item.hpp"

namespace warden::desktop::menu {
namespace {

std::shared_ptr<MenuItem> predefined(Predefined which) {
  auto item = MenuItem::create(ItemKind::predefined, made_up_id());
  // Tauri's About here names the app; the host has no app name to give, so GTK's is shown.
  if (which == Predefined::about) item->set_predefined(which, AboutMetadata{});
  else item->set_predefined(which);
  item->set_text(std::string(predefined_text(which)));
  return item;
}

std::shared_ptr<MenuItem> submenu(std::string id, std::string text, std::initializer_list<Predefined> items) {
  auto menu = MenuItem::create(ItemKind::submenu, std::move(id));
  menu->set_text(std::move(text));
  for (Predefined p : items) menu->append(predefined(p));
  return menu;
}

}  // namespace

std::shared_ptr<MenuItem> default_menu() {
  auto menu = MenuItem::create(ItemKind::menu, made_up_id());
  menu->append(submenu(made_up_id(), "Edit",
                       {Predefined::undo, Predefined::redo, Predefined::separator, Predefined::cut, Predefined::copy,
                        Predefined::paste, Predefined::select_all}));
  menu->append(submenu(kWindowSubmenuId, "Window", {Predefined::minimize, Predefined::maximize, Predefined::close_window}));
  menu->append(submenu(kHelpSubmenuId, "Help", {Predefined::about}));
  return menu;
}

}  // namespace warden::desktop::menu
