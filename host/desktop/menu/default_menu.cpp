#include "desktop/menu/default_menu.hpp"

#include <initializer_list>
#include <string>

#include "desktop/menu/menu_options.hpp"
#include "desktop/menu/predefined_item.hpp"

namespace warden::desktop::menu {
namespace {

std::shared_ptr<MenuItem> predefined(Predefined which, const AboutMetadata& about) {
  auto item = MenuItem::create(ItemKind::predefined, made_up_id());
  if (which == Predefined::about) item->set_predefined(which, about);
  else item->set_predefined(which);
  item->set_text(std::string(predefined_text(which)));
  return item;
}

std::shared_ptr<MenuItem> submenu(std::string id, std::string text, std::initializer_list<Predefined> items,
                                  const AboutMetadata& about = {}) {
  auto menu = MenuItem::create(ItemKind::submenu, std::move(id));
  menu->set_text(std::move(text));
  for (Predefined p : items) menu->append(predefined(p, about));
  return menu;
}

}  // namespace

std::shared_ptr<MenuItem> default_menu(const std::string& app_name, const std::string& app_version) {
  AboutMetadata about;
  if (!app_name.empty()) about.name = app_name;
  if (!app_version.empty()) about.version = app_version;
  auto menu = MenuItem::create(ItemKind::menu, made_up_id());
  menu->append(submenu(made_up_id(), "Edit",
                       {Predefined::undo, Predefined::redo, Predefined::separator, Predefined::cut, Predefined::copy,
                        Predefined::paste, Predefined::select_all}));
  menu->append(submenu(kWindowSubmenuId, "Window", {Predefined::minimize, Predefined::maximize, Predefined::close_window}));
  menu->append(submenu(kHelpSubmenuId, "Help", {Predefined::about}, about));
  return menu;
}

}  // namespace warden::desktop::menu
