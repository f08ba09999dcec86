#pragma once
// A menu or menu item of @tauri-apps/api's menu module (Menu, Submenu, MenuItem, CheckMenuItem,
// IconMenuItem, PredefinedMenuItem) as the host holds it: one toolkit-neutral tree that every place
// showing it renders and follows: a window's menu bar and a context menu through GTK
// (menu/gtk_menu_view.hpp), the tray's menu over D-Bus (tray/dbus_menu.hpp). An item may sit in
// several menus at once, as in Tauri; it has no single parent.
//
// [main-thread] Everything here: items are made, changed, shown and picked on the GTK thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

typedef struct _GdkPixbuf GdkPixbuf;

namespace warden::desktop::menu {

// The package's `kind` strings: "Menu", "Submenu", "MenuItem", "Check", "Icon", "Predefined".
enum class ItemKind { menu, submenu, normal, check, icon, predefined };
std::string_view kind_name(ItemKind kind);
std::optional<ItemKind> kind_from_name(std::string_view name);

// PredefinedMenuItem's `item` (the package's names: "Separator", "Copy", ..., {"About": {...}}).
enum class Predefined {
  separator, copy, cut, paste, select_all, undo, redo, minimize, maximize, fullscreen, hide,
  hide_others, show_all, close_window, quit, about, services, bring_all_to_front
};

// What PredefinedMenuItem "About" shows (Tauri's AboutMetadata; unset fields are not shown).
struct AboutMetadata {
  std::optional<std::string> name, version, short_version, comments, copyright, license, website, website_label,
      credits;
  std::vector<std::string> authors;
};

// What changed on an item, for the views that show it.
enum class Change { text, enabled, checked, accelerator, icon, children };

class MenuItem {
 public:
  // A new item; `id` is the page's (or one made up by the caller when the page gave none).
  static std::shared_ptr<MenuItem> create(ItemKind kind, std::string id);
  ~MenuItem();
  MenuItem(const MenuItem&) = delete;
  MenuItem& operator=(const MenuItem&) = delete;

  ItemKind kind() const { return kind_; }
  const std::string& id() const { return id_; }
  // A number unique in this run, never reused: dbusmenu's item ids, GTK views' keys.
  int32_t handle() const { return handle_; }
  bool is_container() const { return kind_ == ItemKind::menu || kind_ == ItemKind::submenu; }

  const std::string& text() const { return text_; }
  void set_text(std::string text);
  bool enabled() const { return enabled_; }
  void set_enabled(bool enabled);
  bool checked() const { return checked_; }  // check items only
  void set_checked(bool checked);
  // As Tauri writes it ("CmdOrCtrl+Shift+S"); views parse it (menu/accelerator.hpp).
  const std::optional<std::string>& accelerator() const { return accelerator_; }
  void set_accelerator(std::optional<std::string> accelerator);
  // Borrowed; the item keeps its own reference. nullptr: none.
  GdkPixbuf* icon() const { return icon_; }
  void set_icon(GdkPixbuf* icon);  // takes a new reference (nullptr removes)
  // Predefined items: which one, and the About item's text.
  std::optional<Predefined> predefined() const { return predefined_; }
  void set_predefined(Predefined which, std::optional<AboutMetadata> about = std::nullopt);
  const std::optional<AboutMetadata>& about() const { return about_; }

  // How deep menus nest (a menu holding items is 2 levels) and how many items one menu holds:
  // a page cannot make the host recurse deeply or build menus without bound.
  static constexpr size_t kMaxLevels = 16;
  static constexpr size_t kMaxChildren = 1000;

  // Menus and submenus only (others have none and refuse to take any).
  const std::vector<std::shared_ptr<MenuItem>>& children() const { return children_; }
  // Why `child` cannot go at `position`, or nullopt when it can: this is not a container,
  // `position` is past the end, `child` would contain this item (no cycles), the menu is full,
  // or the deepest menu holding this one would nest more than kMaxLevels levels.
  std::optional<std::string> refuse_insert(size_t position, const MenuItem& child) const;
  // false when refuse_insert gives a reason.
  bool insert(size_t position, std::shared_ptr<MenuItem> child);
  bool append(std::shared_ptr<MenuItem> child) { return insert(children_.size(), std::move(child)); }
  // The removed item, or nullptr when `child` is not a direct child / `position` is out of range.
  std::shared_ptr<MenuItem> remove(const MenuItem& child);
  std::shared_ptr<MenuItem> remove_at(size_t position);
  // This item or the first one below it (depth first) whose id is `id`; nullptr when none.
  std::shared_ptr<MenuItem> find(std::string_view id);
  // true when `item` is this item or below it.
  bool contains(const MenuItem& item) const;
  // Levels from this item down to its deepest item (1 for an item with no children), and the
  // most levels of menus holding it (0 when in none). Items are shared, so both follow every path.
  size_t levels_below() const;
  size_t levels_above() const;

  // What happens when the user picks the item (set by menu_commands: the page's channel).
  using Action = std::function<void(MenuItem& item)>;
  void set_action(Action action) { action_ = std::move(action); }
  // The user picked the item, in whatever view: a check item toggles (and tells its views), then
  // the action runs. Predefined items' own effects are the view's (they need a window).
  void activate();

  // Views follow an item through subscriptions; dropping the Subscription ends it.
  using Observer = std::function<void(MenuItem& item, Change what)>;
  class Subscription {
   public:
    Subscription() = default;
    Subscription(std::weak_ptr<MenuItem> item, uint64_t id) : item_(std::move(item)), id_(id) {}
    ~Subscription() { reset(); }
    Subscription(Subscription&& o) noexcept : item_(std::move(o.item_)), id_(o.id_) { o.id_ = 0; }
    Subscription& operator=(Subscription&& o) noexcept;
    void reset();

   private:
    std::weak_ptr<MenuItem> item_;
    uint64_t id_ = 0;
  };
  [[nodiscard]] Subscription observe(Observer observer);

 private:
  MenuItem(ItemKind kind, std::string id);
  void notify(Change what);
  void drop_parent(const MenuItem* parent);

  ItemKind kind_;
  std::string id_;
  int32_t handle_;
  std::string text_;
  bool enabled_ = true;
  bool checked_ = false;
  std::optional<std::string> accelerator_;
  GdkPixbuf* icon_ = nullptr;
  std::optional<Predefined> predefined_;
  std::optional<AboutMetadata> about_;
  std::vector<std::shared_ptr<MenuItem>> children_;
  // The containers holding this item, once per place (an item may sit twice in one menu); a
  // container takes itself out when it goes.
  std::vector<const MenuItem*> parents_;
  Action action_;
  std::vector<std::pair<uint64_t, Observer>> observers_;
  uint64_t next_observer_ = 1;
  std::weak_ptr<MenuItem> self_;
};

}  // namespace warden::desktop::menu
