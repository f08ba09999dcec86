#include "desktop/window_event_feed.hpp"

#include <gtk/gtk.h>

#include <algorithm>

#include "desktop/window_state_source.hpp"

namespace warden::desktop {
namespace {

// What one window last reported, so that MOVED and RESIZED go out only on a change.
struct WatchedWindow {
  std::weak_ptr<WindowEventFeed> feed;
  std::string label;
  int32_t x = 0, y = 0;
  uint32_t width = 0, height = 0;
  bool destroyed = false;
};

constexpr const char* kWatchKey = "warden-window-event-feed";

WatchedWindow* watched(gpointer window) {
  return static_cast<WatchedWindow*>(g_object_get_data(G_OBJECT(window), kWatchKey));
}

void send(WatchedWindow& w, warden_window_event event) {
  if (auto feed = w.feed.lock()) feed->deliver(w.label, event);
}

gboolean on_configure(GtkWidget* widget, GdkEvent*, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return FALSE;
  warden_window_state now = read_window_state(GTK_WINDOW(widget));
  bool moved = now.x != w->x || now.y != w->y;
  bool resized = now.width != w->width || now.height != w->height;
  w->x = now.x, w->y = now.y, w->width = now.width, w->height = now.height;
  if (moved) send(*w, WARDEN_WINDOW_MOVED);
  if (resized && !w->destroyed) send(*w, WARDEN_WINDOW_RESIZED);
  return FALSE;  // the others' handling goes on
}

// Maximized, minimized, fullscreen, and shown or hidden (withdrawn) as the window manager has it.
gboolean on_window_state(GtkWidget* widget, GdkEventWindowState* event, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return FALSE;
  constexpr int kReported = GDK_WINDOW_STATE_MAXIMIZED | GDK_WINDOW_STATE_ICONIFIED | GDK_WINDOW_STATE_FULLSCREEN |
                            GDK_WINDOW_STATE_WITHDRAWN;
  if (event->changed_mask & kReported) send(*w, WARDEN_WINDOW_STATE_CHANGED);
  return FALSE;
}

// An emission hook, not a handler: it runs before every delete-event handler, so the request is
// seen even when the window events' handler (window_events.cpp) stops the emission to let a
// listening page decide. Whether the window closes is not decided here.
gboolean on_delete(GSignalInvocationHint*, guint, const GValue* params, gpointer) {
  auto* widget = static_cast<GtkWidget*>(g_value_get_object(&params[0]));
  WatchedWindow* w = widget ? watched(widget) : nullptr;
  if (w && !w->destroyed) send(*w, WARDEN_WINDOW_CLOSE_REQUESTED);
  return TRUE;  // stay installed
}

void hook_delete_requests() {
  static bool hooked = false;
  if (hooked) return;
  hooked = true;
  g_signal_add_emission_hook(g_signal_lookup("delete-event", GTK_TYPE_WIDGET), 0, on_delete, nullptr, nullptr);
}

void on_destroy(GtkWidget* widget, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return;
  w->destroyed = true;
  send(*w, WARDEN_WINDOW_DESTROYED);
}

}  // namespace

uint64_t WindowEventFeed::subscribe(std::string owner, Callback callback) {
  uint64_t id = next_id_++;
  subscriptions_.push_back({id, std::move(owner), std::move(callback)});
  return id;
}

bool WindowEventFeed::unsubscribe(const std::string& owner, uint64_t id) {
  auto it = std::find_if(subscriptions_.begin(), subscriptions_.end(),
                         [&](const Subscription& s) { return s.id == id && s.owner == owner; });
  if (it == subscriptions_.end()) return false;
  subscriptions_.erase(it);
  return true;
}

void WindowEventFeed::deliver(const std::string& label, warden_window_event event) {
  auto self = shared_from_this();  // a callback may drop the last other reference
  std::vector<uint64_t> ids;
  for (const Subscription& s : subscriptions_) ids.push_back(s.id);
  for (uint64_t id : ids) {
    auto it = std::find_if(subscriptions_.begin(), subscriptions_.end(), [id](const Subscription& s) { return s.id == id; });
    if (it == subscriptions_.end()) continue;  // ended by an earlier callback
    Callback callback = it->callback;          // the vector may change while it runs
    callback(label, event);
  }
}

void WindowEventFeed::watch(webview::AppWindow& window) {
  GtkWidget* widget = window.gtk_window();
  if (!widget || watched(widget)) return;
  auto* w = new WatchedWindow{weak_from_this(), window.label()};
  warden_window_state now = read_window_state(GTK_WINDOW(widget));
  w->x = now.x, w->y = now.y, w->width = now.width, w->height = now.height;
  g_object_set_data_full(G_OBJECT(widget), kWatchKey, w, [](gpointer p) { delete static_cast<WatchedWindow*>(p); });
  g_signal_connect(widget, "configure-event", G_CALLBACK(on_configure), nullptr);
  // After GtkWindow's own handler: it is the one that updates what gtk_window_is_maximized says.
  g_signal_connect_after(widget, "window-state-event", G_CALLBACK(on_window_state), nullptr);
  hook_delete_requests();
  g_signal_connect(widget, "destroy", G_CALLBACK(on_destroy), nullptr);
  deliver(window.label(), WARDEN_WINDOW_CREATED);
}

}  // namespace warden::desktop
