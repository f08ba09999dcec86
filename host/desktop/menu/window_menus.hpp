#pragma once
// Which menu each window shows as its menu bar: the app menu (Menu.setAsAppMenu: every window
// without a menu of its own, including windows opened later) or the window's own
// (Menu.setAsWindowMenu). A window's menu accelerators are keys of that window (its GtkAccelGroup).
// As in Tauri on Linux, a window given its own menu keeps it when the app menu changes.
#include <map>
#include <memory>
#include <string>

#include "desktop/desktop_context.hpp"
#include "desktop/menu/menu_item.hpp"
#include "plugin/resource_table.hpp"

typedef struct _GtkWidget GtkWidget;
typedef struct _GtkAccelGroup GtkAccelGroup;

namespace warden::desktop::menu {

class GtkMenuView;

class WindowMenus {
 public:
  explicit WindowMenus(DesktopContext& context) : context_(context) {}
  ~WindowMenus();
  WindowMenus(const WindowMenus&) = delete;
  WindowMenus& operator=(const WindowMenus&) = delete;

  // [main-thread] Makes `menu` the app menu (set by page `setter`): shown on every open window
  // that shows the app menu or none, and on windows opened later. Answers the previous app menu
  // (nullptr when none).
  std::shared_ptr<MenuItem> set_app_menu(std::shared_ptr<MenuItem> menu, plugin::ResourceOwner setter);
  // [main-thread] Shows `menu` on `window` as its own menu (set by page `setter`). Answers what it
  // showed before (its own menu or the app menu; nullptr when none).
  std::shared_ptr<MenuItem> set_window_menu(webview::AppWindow& window, std::shared_ptr<MenuItem> menu,
                                            plugin::ResourceOwner setter);
  // Which page set the app menu, and the menu window `label` shows (empty when none): a previous
  // menu is answered only to the page that set it.
  const plugin::ResourceOwner& app_menu_setter() const { return app_menu_setter_; }
  plugin::ResourceOwner setter_of(const std::string& label);
  // [main-thread] A window was opened: it shows the app menu when there is one.
  void window_opened(webview::AppWindow& window);

  const std::shared_ptr<MenuItem>& app_menu() const { return app_menu_; }
  // [main-thread] The menu window `label` shows; nullptr when none.
  std::shared_ptr<MenuItem> menu_of(const std::string& label);

 private:
  struct Shown {
    GtkWidget* window = nullptr;  // the GtkWindow it was shown on (a label may be reused later)
    std::shared_ptr<MenuItem> menu;
    bool app_wide = false;
    plugin::ResourceOwner setter;
    GtkAccelGroup* accel_group = nullptr;
    GtkWidget* bar = nullptr;
    std::unique_ptr<GtkMenuView> view;
    ~Shown();
  };
  // Forgets windows that closed since.
  void forget_closed();
  void show(webview::AppWindow& window, std::shared_ptr<MenuItem> menu, bool app_wide, plugin::ResourceOwner setter);
  // Takes the menu off the window; answers it.
  std::shared_ptr<MenuItem> take(webview::AppWindow& window);

  DesktopContext& context_;
  std::shared_ptr<MenuItem> app_menu_;
  plugin::ResourceOwner app_menu_setter_;
  std::map<std::string, std::unique_ptr<Shown>> shown_;  // by window label
};

// [main-thread] A window opened at run time shows the app menu (webview_commands.cpp open_window).
void give_app_menu(DesktopContext& context, webview::AppWindow& window);

}  // namespace warden::desktop::menu
