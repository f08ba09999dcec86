#pragma once
// A menu tree (menu/menu_item.hpp) exported over D-Bus as com.canonical.dbusmenu (version 3), the
// menu a StatusNotifierItem names in its Menu property: the panel draws it and tells the app
// which item was picked. Item ids are MenuItem::handle() (0 is the root, the tray's menu); the
// export follows the tree (LayoutUpdated when children change, ItemsPropertiesUpdated when an
// item's text, state or icon changes).
//
// [main-thread] Everything here: the connection's method calls are dispatched on the GTK thread's
// main context, where menu items live.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "desktop/menu/menu_item.hpp"

typedef struct _GDBusConnection GDBusConnection;
typedef struct _GDBusMethodInvocation GDBusMethodInvocation;
typedef struct _GVariant GVariant;

namespace warden::desktop::tray {

class DbusMenu {
 public:
  // What picking a predefined item does (menu/predefined_item.hpp perform_predefined without a
  // window: Quit ends the app, About shows its dialog, the others need a window).
  using PredefinedEffect = std::function<void(menu::MenuItem& item)>;

  // Exports the (empty) menu at `path` on `connection`; false from exported() when that failed.
  DbusMenu(GDBusConnection* connection, std::string path, PredefinedEffect predefined_effect);
  ~DbusMenu();  // unexports
  DbusMenu(const DbusMenu&) = delete;
  DbusMenu& operator=(const DbusMenu&) = delete;

  bool exported() const { return registration_ != 0; }
  const std::string& path() const { return path_; }

  // The menu shown (a Menu or Submenu); nullptr: an empty menu.
  void set_root(std::shared_ptr<menu::MenuItem> root);
  bool has_root() const { return root_ != nullptr; }

  // Called by GDBus (the vtable's functions); not for other callers.
  void handle_call(const std::string& method, GVariant* parameters, GDBusMethodInvocation* invocation);
  GVariant* property(const std::string& name) const;

 private:
  // The item whose dbusmenu id is `id` (0: the root); nullptr when none.
  std::shared_ptr<menu::MenuItem> item_of(int32_t id) const;
  int32_t id_of(const menu::MenuItem& item) const;
  GVariant* layout_of(const menu::MenuItem* item, int32_t id, int depth, const std::vector<std::string>& names) const;
  GVariant* properties_of(const menu::MenuItem* item, int32_t id, const std::vector<std::string>& names) const;
  // true when `id` named an item; a "clicked" event activates it.
  bool handle_event(int32_t id, const std::string& event);
  void follow_tree();
  void changed(menu::MenuItem& item, menu::Change what);
  void emit(const char* signal, GVariant* parameters);

  GDBusConnection* connection_;
  std::string path_;
  PredefinedEffect predefined_effect_;
  unsigned registration_ = 0;
  std::shared_ptr<menu::MenuItem> root_;
  uint32_t revision_ = 1;
  std::map<const menu::MenuItem*, menu::MenuItem::Subscription> followed_;
};

// The label dbusmenu shows for `text` as Tauri writes it: `&` marks the mnemonic ("&&" is a
// literal '&'), dbusmenu marks it with `_` (and "__" is a literal '_').
std::string dbusmenu_label(const std::string& text);

}  // namespace warden::desktop::tray
