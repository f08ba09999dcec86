#include "desktop/menu/menu_resource.hpp"

#include <boost/json.hpp>

namespace warden::desktop::menu {

namespace {

// What the resource table holds: one reference to the item. Dropping the last reference destroys
// the item, and a menu going takes itself off the items it held (MenuItem's parent links): that
// must happen on the GTK thread, where the tree lives. Every way a menu resource is released runs
// there today (plugin:resources|close is a quick command; page replaced, web process gone and
// webview closed are GTK signals; the table itself goes at the end of the run).
struct Held {
  std::shared_ptr<MenuItem> item;
};

}  // namespace

uint32_t add_menu_item(DesktopContext& context, const runtime::Caller& caller, std::shared_ptr<MenuItem> item) {
  auto object = std::make_shared<plugin::ResourceObject>(new Held{std::move(item)},
                                                        [](void* p) { delete static_cast<Held*>(p); });
  return context.resources.add({caller.webview, caller.origin, caller.page}, kMenuPlugin, std::move(object));
}

std::shared_ptr<MenuItem> find_menu_item(const DesktopContext& context, const runtime::Caller& caller, uint32_t rid,
                                         ItemKind kind) {
  auto object = context.resources.get({caller.webview, caller.origin, caller.page}, kMenuPlugin, rid);
  if (!object) return nullptr;
  auto& item = static_cast<Held*>(object->get())->item;
  return item->kind() == kind ? item : nullptr;
}

std::shared_ptr<MenuItem> menu_item_from_arg(const boost::json::value& arg, const DesktopContext& context,
                                             const runtime::Caller& caller, std::string& error) {
  const auto* pair = arg.if_array();
  if (!pair || pair->size() != 2 || !(*pair)[0].is_number() || !(*pair)[1].is_string()) {
    error = "a menu item must be given as [rid, kind]";
    return nullptr;
  }
  auto kind = kind_from_name((*pair)[1].get_string());
  double rid = (*pair)[0].to_number<double>();
  if (!kind || rid < 1 || rid > UINT32_MAX || rid != static_cast<uint32_t>(rid)) {
    error = "a menu item must be given as [rid, kind] with a known kind";
    return nullptr;
  }
  auto item = find_menu_item(context, caller, static_cast<uint32_t>(rid), *kind);
  if (!item) error = "menu item resource id " + std::to_string(static_cast<uint32_t>(rid)) + " not found";
  return item;
}

}  // namespace warden::desktop::menu
