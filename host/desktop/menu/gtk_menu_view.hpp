#pragma once
// A menu shown through GTK: the items of a Menu or Submenu as the children of a GtkMenuBar (a
// window's menu) or a GtkMenu (a context menu), following the item tree (menu_item.hpp) while
// shown: text, enabled, check state, icon, accelerator and children changes update the widgets.
// Picking an item activates it (check items toggle, the page's handler hears its id); predefined
// items do their own thing in the view's window (predefined_item.hpp).
#include <memory>
#include <string>

#include "desktop/desktop_context.hpp"
#include "desktop/menu/menu_item.hpp"

typedef struct _GtkWidget GtkWidget;
typedef struct _GtkAccelGroup GtkAccelGroup;

namespace warden::desktop::menu {

// Where a view's items act.
struct ViewPlace {
  DesktopContext* context = nullptr;
  std::string window;                     // the window showing the view (predefined items act on it)
  GtkAccelGroup* accel_group = nullptr;   // a window menu's: items' accelerators are keys of that window
};

// '&' marks the mnemonic as in Tauri ("&File"), "&&" is a literal '&'; GTK marks it with '_', so
// a literal '_' is doubled.
std::string gtk_mnemonic_text(const std::string& text);

// How many widgets one view makes at most: items are shared, so a small set of items could
// otherwise stand for a huge menu (a submenu holding another many times, many levels deep).
inline constexpr size_t kMaxShownItems = 4096;

struct ViewState;

class GtkMenuView {
 public:
  // [main-thread] Fills `shell` (a GtkMenuBar or GtkMenu) with `menu`'s items and follows them
  // until the view or the shell goes.
  GtkMenuView(std::shared_ptr<MenuItem> menu, GtkWidget* shell, ViewPlace place);
  ~GtkMenuView();  // stops following; the widgets stay in the shell
  GtkMenuView(const GtkMenuView&) = delete;
  GtkMenuView& operator=(const GtkMenuView&) = delete;

  const std::shared_ptr<MenuItem>& menu() const { return menu_; }

  struct Shell;  // a GtkMenuShell showing one container's items

 private:
  std::shared_ptr<MenuItem> menu_;
  std::unique_ptr<ViewState> state_;
  GtkWidget* shell_;
  unsigned long destroy_handler_ = 0;
  std::unique_ptr<Shell> root_;
};

}  // namespace warden::desktop::menu
