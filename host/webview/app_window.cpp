#include "webview/app_window.hpp"

#include <algorithm>
#include <cmath>

#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

namespace warden::webview {
namespace {

int scaled(int value, int now, int then) {
  if (then <= 0) return value;
  return static_cast<int>(std::lround(static_cast<double>(value) * now / then));
}

}  // namespace

AppWindow::AppWindow(const WindowConfig& config, WindowEvents events, GtkWidget* parent)
    : config_(config), events_(std::move(events)) {
  window_ = gtk_window_new(GTK_WINDOW_TOPLEVEL);
  apply_window_config(window_, config_);
  if (parent) gtk_window_set_transient_for(GTK_WINDOW(window_), GTK_WINDOW(parent));
  box_ = gtk_box_new(GTK_ORIENTATION_VERTICAL, 0);
  gtk_container_add(GTK_CONTAINER(window_), box_);
  overlay_ = gtk_overlay_new();
  gtk_box_pack_end(GTK_BOX(box_), overlay_, TRUE, TRUE, 0);
  // Child webviews are laid out here, from their bounds and the window's size, on every layout.
  g_signal_connect(overlay_, "get-child-position", G_CALLBACK(on_child_position), this);
  g_signal_connect(window_, "destroy", G_CALLBACK(on_destroy), this);
}

AppWindow::~AppWindow() {
  if (window_) {
    g_signal_handlers_disconnect_by_data(window_, this);
    g_signal_handlers_disconnect_by_data(overlay_, this);
    GtkWidget* window = window_;
    window_ = nullptr;
    overlay_ = nullptr;
    box_ = nullptr;
    menu_bar_ = nullptr;
    gtk_widget_destroy(window);
  }
  webviews_.clear();  // their widgets went with the window; each destroys its own if still alive
}

WebviewBounds AppWindow::shown_bounds(const Placed& p) const {
  WebviewBounds b = p.bounds.value_or(WebviewBounds{});
  if (!p.auto_resize || !overlay_) return b;
  int width = gtk_widget_get_allocated_width(overlay_);
  int height = gtk_widget_get_allocated_height(overlay_);
  return {scaled(b.x, width, p.window_width), scaled(b.y, height, p.window_height),
          scaled(b.width, width, p.window_width), scaled(b.height, height, p.window_height)};
}

gboolean AppWindow::on_child_position(GtkOverlay*, GtkWidget* child, void* allocation, void* self) {
  auto* w = static_cast<AppWindow*>(self);
  for (auto& p : w->webviews_) {
    if (!p.bounds || p.webview->widget() != child) continue;
    WebviewBounds b = w->shown_bounds(p);
    *static_cast<GdkRectangle*>(allocation) = GdkRectangle{b.x, b.y, std::max(b.width, 1), std::max(b.height, 1)};
    return TRUE;
  }
  return FALSE;
}

void AppWindow::show() {
  if (window_) show_configured_window(window_, config_);
}

void AppWindow::on_destroy(GtkWidget*, void* self) {
  auto* w = static_cast<AppWindow*>(self);
  // Children first, so that each webview's page is forgotten before the window is reported gone.
  for (auto& p : w->webviews_) p.webview->close();
  w->window_ = nullptr;
  w->overlay_ = nullptr;
  w->box_ = nullptr;
  w->menu_bar_ = nullptr;
  if (w->events_.closed) w->events_.closed();
}

AppWebview& AppWindow::add_webview(std::unique_ptr<AppWebview> webview, std::optional<WebviewBounds> bounds) {
  if (!window_) throw std::logic_error("window '" + config_.label + "' is closed");
  if (!bounds && gtk_bin_get_child(GTK_BIN(overlay_)))
    throw std::invalid_argument("window '" + config_.label + "' already has a webview that fills it");
  webview->set_window_label(config_.label);
  Placed p{std::move(webview), bounds};
  gtk_window_get_size(GTK_WINDOW(window_), &p.window_width, &p.window_height);
  GtkWidget* widget = p.webview->widget();
  if (bounds) gtk_overlay_add_overlay(GTK_OVERLAY(overlay_), widget);
  else gtk_container_add(GTK_CONTAINER(overlay_), widget);
  if (gtk_widget_get_visible(window_)) gtk_widget_show(widget);
  // The filling webview first: main_webview() and webviews() list it before the children.
  auto at = bounds ? webviews_.end() : webviews_.begin();
  return *webviews_.insert(at, std::move(p))->webview;
}

std::unique_ptr<AppWebview> AppWindow::take_webview(const std::string& label) {
  auto it = std::find_if(webviews_.begin(), webviews_.end(), [&](const Placed& p) { return p.webview->label() == label; });
  if (it == webviews_.end()) return nullptr;
  std::unique_ptr<AppWebview> webview = std::move(it->webview);
  webviews_.erase(it);
  GtkWidget* widget = webview->widget();
  if (widget && overlay_ && gtk_widget_get_parent(widget) == overlay_) gtk_container_remove(GTK_CONTAINER(overlay_), widget);
  return webview;
}

std::vector<AppWebview*> AppWindow::webviews() const {
  std::vector<AppWebview*> out;
  for (auto& p : webviews_) out.push_back(p.webview.get());
  return out;
}

AppWindow::Placed* AppWindow::find_placed(const std::string& label) {
  for (auto& p : webviews_)
    if (p.webview->label() == label) return &p;
  return nullptr;
}

const AppWindow::Placed* AppWindow::find_placed(const std::string& label) const {
  return const_cast<AppWindow*>(this)->find_placed(label);
}

AppWebview* AppWindow::find_webview(const std::string& label) const {
  const Placed* p = find_placed(label);
  return p ? p->webview.get() : nullptr;
}

AppWebview* AppWindow::filling_webview() const {
  for (auto& p : webviews_)
    if (!p.bounds && p.webview->open()) return p.webview.get();
  return nullptr;
}

AppWebview* AppWindow::main_webview() const {
  for (auto& p : webviews_)
    if (p.webview->open()) return p.webview.get();
  return nullptr;
}

std::string AppWindow::title() const {
  AppWebview* main = main_webview();
  return main ? main->title() : "";
}

std::optional<WebviewBounds> AppWindow::bounds_of(const std::string& label) const {
  const Placed* p = find_placed(label);
  if (!p || !p->webview->open() || !window_) return std::nullopt;
  if (p->bounds) return shown_bounds(*p);
  // The filling webview: the whole client area, below the menu bar.
  int width = 0, height = 0;
  gtk_window_get_size(GTK_WINDOW(window_), &width, &height);
  int bar = 0;
  if (menu_bar_ && gtk_widget_get_visible(menu_bar_)) {
    bar = gtk_widget_get_allocated_height(menu_bar_);
    if (bar <= 1) gtk_widget_get_preferred_height(menu_bar_, nullptr, &bar);  // not laid out yet
  }
  return WebviewBounds{0, bar, width, std::max(height - bar, 0)};
}

void AppWindow::set_menu_bar(GtkWidget* bar) {
  if (!window_ || bar == menu_bar_) return;
  if (menu_bar_) gtk_container_remove(GTK_CONTAINER(box_), menu_bar_);
  menu_bar_ = bar;
  if (!bar) return;
  gtk_box_pack_start(GTK_BOX(box_), bar, FALSE, FALSE, 0);
  gtk_box_reorder_child(GTK_BOX(box_), bar, 0);
  gtk_widget_show_all(bar);
}

bool AppWindow::set_bounds(const std::string& label, const WebviewBounds& bounds) {
  Placed* p = find_placed(label);
  if (!p || !p->bounds || !window_) return false;
  p->bounds = bounds;
  gtk_window_get_size(GTK_WINDOW(window_), &p->window_width, &p->window_height);
  gtk_widget_queue_resize(overlay_);
  return true;
}

bool AppWindow::set_auto_resize(const std::string& label, bool on) {
  Placed* p = find_placed(label);
  if (!p || !p->bounds || !window_) return false;
  if (on && !p->auto_resize) gtk_window_get_size(GTK_WINDOW(window_), &p->window_width, &p->window_height);
  p->auto_resize = on;
  gtk_widget_queue_resize(overlay_);
  return true;
}

void AppWindow::close() {
  if (window_) gtk_widget_destroy(window_);  // on_destroy closes the webviews and clears the pointers
}

}  // namespace warden::webview
