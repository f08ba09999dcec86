#pragma once
// One tray icon on the session bus, as a StatusNotifierItem (the freedesktop/KDE protocol that
// panels on Linux show; libayatana-appindicator speaks it too): its own connection to the bus, the
// well-known name org.kde.StatusNotifierItem-<pid>-<n>, the org.kde.StatusNotifierItem object at
// /StatusNotifierItem and its menu (com.canonical.dbusmenu) at /MenuBar, registered with the
// org.kde.StatusNotifierWatcher. A panel reads the icon, title, tooltip and status from the
// object and is told of changes by its signals; it calls Activate and friends on clicks.
//
// Its own connection per icon: a name is what a watcher lists, and closing the connection
// unregisters the icon at once (the bus drops the name; the watcher sees it go), also when the
// process ends.
//
// [main-thread] Everything here: D-Bus calls to the item are dispatched on the GTK thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "desktop/menu/menu_item.hpp"
#include "desktop/tray/dbus_menu.hpp"
#include "desktop/tray/tray_event.hpp"

typedef struct _GDBusConnection GDBusConnection;
typedef struct _GDBusMethodInvocation GDBusMethodInvocation;
typedef struct _GVariant GVariant;
typedef struct _GCancellable GCancellable;
typedef struct _GdkPixbuf GdkPixbuf;

namespace warden::desktop::tray {

// An icon as StatusNotifierItem's IconPixmap carries it: ARGB32, network byte order.
struct Pixmap {
  int width = 0, height = 0;
  std::string argb;
};
// The largest side sent: panels draw icons at 16 to 64 pixels; a larger image is scaled down
// (so a page's 4096 x 4096 image does not travel over the bus at each change).
inline constexpr int kMaxPixmapSize = 256;
Pixmap pixmap_of(GdkPixbuf* image);

class StatusNotifierItem : public std::enable_shared_from_this<StatusNotifierItem> {
 public:
  struct Options {
    std::string id;  // the tray's id: the item's Id and the events' id
    std::string title, tooltip;
    GdkPixbuf* icon = nullptr;  // borrowed
    std::shared_ptr<menu::MenuItem> menu;
    bool show_menu_on_left_click = true;
    std::function<void(const TrayEvent&)> on_event;
    DbusMenu::PredefinedEffect predefined_effect;
  };
  // Told once when registration ends: "" when the watcher took the item, else why not.
  using Registered = std::function<void(const std::string& error)>;

  // Connects to the session bus and registers the item, asynchronously (the main loop must run);
  // `registered` may be called before this returns (no session bus).
  static std::shared_ptr<StatusNotifierItem> start(Options options, Registered registered);
  ~StatusNotifierItem();
  StatusNotifierItem(const StatusNotifierItem&) = delete;
  StatusNotifierItem& operator=(const StatusNotifierItem&) = delete;

  const std::string& id() const { return id_; }
  // The well-known name (what the watcher lists).
  const std::string& bus_name() const { return bus_name_; }
  bool registered() const { return registered_; }
  bool closed() const { return closed_; }

  void set_icon(GdkPixbuf* icon);  // nullptr: none
  void set_title(std::string title);
  void set_tooltip(std::string tooltip);
  void set_visible(bool visible);
  void set_menu(std::shared_ptr<menu::MenuItem> menu);  // nullptr: an empty menu
  void set_show_menu_on_left_click(bool on_left);

  // Leaves the bus: the connection is closed, the watcher drops the item. Nothing is sent after.
  void close();

  // Called by GDBus (the vtable's functions); not for other callers.
  void handle_call(const std::string& method, GVariant* parameters, GDBusMethodInvocation* invocation);
  GVariant* property(const std::string& name) const;

 private:
  explicit StatusNotifierItem(Options options);
  void connected(GDBusConnection* connection);
  void name_requested(GVariant* reply, const std::string& error);
  void register_with_watcher();
  // `watcher_starting`: the watcher owns its name but has not exported its object yet.
  void watcher_answered(const std::string& error, bool watcher_starting);
  void watcher_appeared();
  void retry_registration();
  void fail(const std::string& error);
  void emit(const char* signal, GVariant* parameters);
  void clicked(MouseButton button, int x, int y);
  bool item_is_menu() const;

  std::string id_;
  std::string title_, tooltip_;
  Pixmap pixmap_;
  bool visible_ = true;
  bool show_menu_on_left_click_ = true;
  std::shared_ptr<menu::MenuItem> menu_;
  std::function<void(const TrayEvent&)> on_event_;
  DbusMenu::PredefinedEffect predefined_effect_;
  Registered on_registered_;

  std::string bus_name_;
  GCancellable* cancellable_ = nullptr;
  GDBusConnection* connection_ = nullptr;
  unsigned registration_ = 0;
  unsigned watcher_subscription_ = 0;
  std::unique_ptr<DbusMenu> dbus_menu_;
  bool registered_ = false;
  bool closed_ = false;
  unsigned retry_source_ = 0;
  int retries_ = 0;
  // The last left click, to tell a double click (two Activate calls close in time and place).
  std::chrono::steady_clock::time_point last_activate_{};
  int last_x_ = 0, last_y_ = 0;
};

}  // namespace warden::desktop::tray
