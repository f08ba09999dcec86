#include "desktop/menu/window_menus.hpp"

#include <gtk/gtk.h>

#include "desktop/menu/gtk_menu_view.hpp"

namespace warden::desktop::menu {

WindowMenus::Shown::~Shown() {
  view.reset();
  if (accel_group) g_object_unref(accel_group);
  if (bar) g_object_unref(bar);
  if (window) g_object_unref(window);
}

WindowMenus::~WindowMenus() = default;

void WindowMenus::forget_closed() {
  for (auto it = shown_.begin(); it != shown_.end();) {
    webview::AppWindow* w = context_.windows.find(it->first);
    bool same = w && w->open() && w->gtk_window() == it->second->window;
    it = same ? std::next(it) : shown_.erase(it);
  }
}

std::shared_ptr<MenuItem> WindowMenus::take(webview::AppWindow& window) {
  auto it = shown_.find(window.label());
  if (it == shown_.end()) return nullptr;
  Shown& shown = *it->second;
  auto menu = shown.menu;
  shown.view.reset();  // its accelerators leave the group, its widgets the bar
  gtk_window_remove_accel_group(GTK_WINDOW(window.gtk_window()), shown.accel_group);
  window.set_menu_bar(nullptr);
  shown_.erase(it);
  return menu;
}

void WindowMenus::show(webview::AppWindow& window, std::shared_ptr<MenuItem> menu, bool app_wide,
                       plugin::ResourceOwner setter) {
  take(window);
  auto shown = std::make_unique<Shown>();
  shown->setter = std::move(setter);
  shown->window = GTK_WIDGET(g_object_ref(window.gtk_window()));
  shown->menu = menu;
  shown->app_wide = app_wide;
  shown->accel_group = gtk_accel_group_new();
  gtk_window_add_accel_group(GTK_WINDOW(window.gtk_window()), shown->accel_group);
  shown->bar = GTK_WIDGET(g_object_ref_sink(gtk_menu_bar_new()));
  shown->view = std::make_unique<GtkMenuView>(menu, shown->bar, ViewPlace{&context_, window.label(), shown->accel_group});
  window.set_menu_bar(shown->bar);
  shown_[window.label()] = std::move(shown);
}

std::shared_ptr<MenuItem> WindowMenus::set_app_menu(std::shared_ptr<MenuItem> menu, plugin::ResourceOwner setter) {
  forget_closed();
  auto previous = std::move(app_menu_);
  app_menu_ = menu;
  app_menu_setter_ = setter;
  context_.windows.for_each([&](webview::AppWindow& window) {
    if (!window.open()) return;
    auto it = shown_.find(window.label());
    if (it == shown_.end() || it->second->app_wide) show(window, menu, true, setter);
  });
  return previous;
}

std::shared_ptr<MenuItem> WindowMenus::set_window_menu(webview::AppWindow& window, std::shared_ptr<MenuItem> menu,
                                                       plugin::ResourceOwner setter) {
  forget_closed();
  auto previous = take(window);
  show(window, std::move(menu), false, std::move(setter));
  return previous;
}

plugin::ResourceOwner WindowMenus::setter_of(const std::string& label) {
  forget_closed();
  auto it = shown_.find(label);
  return it == shown_.end() ? plugin::ResourceOwner{} : it->second->setter;
}

void WindowMenus::window_opened(webview::AppWindow& window) {
  forget_closed();
  if (app_menu_ && window.open()) show(window, app_menu_, true, app_menu_setter_);
}

std::shared_ptr<MenuItem> WindowMenus::menu_of(const std::string& label) {
  forget_closed();
  auto it = shown_.find(label);
  return it == shown_.end() ? nullptr : it->second->menu;
}

void give_app_menu(DesktopContext& context, webview::AppWindow& window) {
  if (context.menus) context.menus->window_opened(window);
}

}  // namespace warden::desktop::menu
