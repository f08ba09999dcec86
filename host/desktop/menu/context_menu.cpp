#include "desktop/menu/context_menu.hpp"

#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include "desktop/menu/gtk_menu_view.hpp"

namespace warden::desktop::menu {
namespace {

// One shown context menu: its GtkMenu and the view filling it, gone once the menu closed.
struct ShownContextMenu {
  GtkWidget* gtk_menu;
  std::unique_ptr<GtkMenuView> view;
  ~ShownContextMenu() {
    view.reset();
    gtk_widget_destroy(gtk_menu);
    g_object_unref(gtk_menu);
  }
};

void on_deactivate(GtkWidget*, gpointer data) {
  // GTK closes the menu before it activates the picked item: the item's widget must live until then.
  g_idle_add_full(G_PRIORITY_DEFAULT_IDLE, [](gpointer p) -> gboolean {
    delete static_cast<ShownContextMenu*>(p);
    return G_SOURCE_REMOVE;
  }, data, nullptr);
}

// A button press of `pointer` over `window` now: what GTK takes as the event that opened a menu.
GdkEvent* popup_trigger(GdkWindow* window, GdkDevice* pointer) {
  GdkEvent* event = gdk_event_new(GDK_BUTTON_PRESS);
  event->button.window = GDK_WINDOW(g_object_ref(window));
  event->button.send_event = TRUE;
  event->button.time = GDK_CURRENT_TIME;
  event->button.button = GDK_BUTTON_SECONDARY;
  gdk_event_set_device(event, pointer);
  return event;
}

}  // namespace

void popup_menu(std::shared_ptr<MenuItem> menu, webview::AppWindow& window, std::optional<WindowPoint> at,
                DesktopContext& context) {
  GtkWidget* toplevel = window.gtk_window();
  GdkWindow* gdk = gtk_widget_get_window(toplevel);
  if (!gdk) {
    spdlog::warn("menu: window '{}' is not shown: no context menu", window.label());
    return;
  }
  auto* shown = new ShownContextMenu{GTK_WIDGET(g_object_ref_sink(gtk_menu_new())), nullptr};
  gtk_menu_attach_to_widget(GTK_MENU(shown->gtk_menu), toplevel, nullptr);
  shown->view = std::make_unique<GtkMenuView>(std::move(menu), shown->gtk_menu, ViewPlace{&context, window.label(), nullptr});
  GdkDevice* pointer = gdk_seat_get_pointer(gdk_display_get_default_seat(gdk_window_get_display(gdk)));
  if (!at) {
    // No event started this popup (it comes from a call): the pointer's place in the window.
    int x = 0, y = 0;
    gdk_window_get_device_position(gdk, pointer, &x, &y, nullptr);
    at = WindowPoint{x, y};
  }
  GdkRectangle rect{at->x, at->y, 1, 1};
  g_signal_connect(shown->gtk_menu, "deactivate", G_CALLBACK(on_deactivate), shown);
  // GTK grabs the seat of the event that opened a menu; a call has none, so it gets one made for
  // the window's pointer (without it GTK warns "no trigger event" on every popup).
  GdkEvent* trigger = popup_trigger(gdk, pointer);
  gtk_menu_popup_at_rect(GTK_MENU(shown->gtk_menu), gdk, &rect, GDK_GRAVITY_NORTH_WEST, GDK_GRAVITY_NORTH_WEST, trigger);
  gdk_event_free(trigger);
  if (!gtk_widget_get_visible(shown->gtk_menu)) {
    spdlog::warn("menu: the context menu could not be shown over window '{}'", window.label());
    g_signal_handlers_disconnect_by_data(shown->gtk_menu, shown);
    delete shown;
  }
}

}  // namespace warden::desktop::menu
