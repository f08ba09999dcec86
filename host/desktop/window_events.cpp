#include "desktop/window_events.hpp"

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include <vector>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "desktop/window_commands.hpp"

namespace warden::desktop {
namespace json = boost::json;

namespace {

// Whether a page listens for `event` on window `label`: EventBus::has_listeners once the bus has
// it; until then no page is taken to listen (the window closes at once, as without listeners).
template <class Bus>
bool page_listens(const Bus& bus, const std::string& event, const std::string& label) {
  if constexpr (requires { bus.has_listeners(event, label); })
    return bus.has_listeners(event, label);
  else
    return false;
}

// What one window last reported: an event goes out only when its value changed.
struct WatchedWindow {
  DesktopContext& context;
  std::string label;
  std::string position;  // serialized PhysicalPosition
  std::string size;      // serialized PhysicalSize
  bool active = false;
  int scale = 1;
  std::string theme;
  bool destroyed = false;
};

constexpr const char* kWatchKey = "warden-window-events";

WatchedWindow* watched(gpointer window) {
  return static_cast<WatchedWindow*>(g_object_get_data(G_OBJECT(window), kWatchKey));
}

void emit(WatchedWindow& w, const char* event, const std::string& payload_json) {
  w.context.events.emit(event, payload_json, w.label);
}

// Emits `event` with `now` when it differs from `last`.
void emit_if_changed(WatchedWindow& w, const char* event, std::string& last, std::string now) {
  if (now == last) return;
  last = std::move(now);
  emit(w, event, last);
}

gboolean on_configure(GtkWidget* widget, GdkEvent*, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return FALSE;
  GtkWindow* window = GTK_WINDOW(widget);
  emit_if_changed(*w, "tauri://move", w->position, json::serialize(window_state::outer_position(window)));
  emit_if_changed(*w, "tauri://resize", w->size, json::serialize(window_state::inner_size(window)));
  return FALSE;  // GTK's own handling goes on
}

void on_active(GObject* object, GParamSpec*, gpointer) {
  WatchedWindow* w = watched(object);
  if (!w || w->destroyed) return;
  bool active = gtk_window_is_active(GTK_WINDOW(object));
  if (active == w->active) return;
  w->active = active;
  emit(*w, active ? "tauri://focus" : "tauri://blur", "null");
}

void on_scale(GObject* object, GParamSpec*, gpointer) {
  WatchedWindow* w = watched(object);
  if (!w || w->destroyed) return;
  int scale = window_state::scale_of(GTK_WINDOW(object));
  if (scale == w->scale) return;
  w->scale = scale;
  json::object payload{{"scaleFactor", scale}, {"size", window_state::inner_size(GTK_WINDOW(object))}};
  emit(*w, "tauri://scale-change", json::serialize(payload));
}

// GtkSettings changed (app-wide): `window` is the watched window (g_signal_connect_object).
void on_theme(GObject*, GParamSpec*, gpointer window) {
  WatchedWindow* w = watched(window);
  if (!w || w->destroyed) return;
  std::string theme = window_state::theme_name();
  if (theme == w->theme) return;
  w->theme = theme;
  emit(*w, "tauri://theme-changed", json::serialize(json::value(json::string(theme))));
}

// The window manager's close button and window|close: a page listening for
// tauri://close-requested decides (@tauri-apps/api's onCloseRequested calls window|destroy
// unless its handler prevented the close); without one the window closes.
gboolean on_delete(GtkWidget* widget, GdkEvent*, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return FALSE;
  if (!page_listens(w->context.events, "tauri://close-requested", w->label)) return FALSE;
  emit(*w, "tauri://close-requested", "null");
  return TRUE;  // kept open
}

void on_destroy(GtkWidget* widget, gpointer) {
  WatchedWindow* w = watched(widget);
  if (!w || w->destroyed) return;
  w->destroyed = true;
  emit(*w, "tauri://destroyed", "null");
}

}  // namespace

void watch_window_events(webview::AppWindow& window, DesktopContext& context) {
  GtkWidget* widget = window.gtk_window();
  if (!widget || watched(widget)) return;
  auto* w = new WatchedWindow{context, window.label()};
  GtkWindow* gtk = GTK_WINDOW(widget);
  w->active = gtk_window_is_active(gtk);
  w->scale = window_state::scale_of(gtk);
  w->theme = window_state::theme_name();
  g_object_set_data_full(G_OBJECT(widget), kWatchKey, w, [](gpointer p) { delete static_cast<WatchedWindow*>(p); });
  g_signal_connect(widget, "configure-event", G_CALLBACK(on_configure), nullptr);
  g_signal_connect(widget, "notify::is-active", G_CALLBACK(on_active), nullptr);
  g_signal_connect(widget, "notify::scale-factor", G_CALLBACK(on_scale), nullptr);
  g_signal_connect(widget, "delete-event", G_CALLBACK(on_delete), nullptr);
  g_signal_connect(widget, "destroy", G_CALLBACK(on_destroy), nullptr);
  if (GtkSettings* settings = gtk_settings_get_default()) {
    g_signal_connect_object(settings, "notify::gtk-application-prefer-dark-theme", G_CALLBACK(on_theme), widget,
                            GConnectFlags(0));
    g_signal_connect_object(settings, "notify::gtk-theme-name", G_CALLBACK(on_theme), widget, GConnectFlags(0));
  }
}

namespace {

// One webview's drag of files from another app, from the first motion to the drop or the leave.
struct DropState {
  DesktopContext& context;
  std::string window_label;
  std::string webview_label;
  bool requested = false;      // the first motion asked for the file list
  bool entered = false;        // drag-enter went out (with the paths)
  bool dropping = false;       // the drop came: the next file list is the dropped one
  bool leave_pending = false;  // GTK's drag-leave, which also comes right before a drop
  int x = 0, y = 0;            // the pointer in the webview, logical pixels

  bool ours() const { return requested || entered || dropping; }
  void reset() { requested = entered = dropping = leave_pending = false; }
};

constexpr const char* kDropKey = "warden-drop-state";

DropState* drop_state(gpointer view) { return static_cast<DropState*>(g_object_get_data(G_OBJECT(view), kDropKey)); }

GdkAtom uri_list() { return gdk_atom_intern_static_string("text/uri-list"); }

void emit_drag(GtkWidget* view, DropState& s, const char* event, const std::vector<std::string>* paths) {
  int scale = std::max(1, gtk_widget_get_scale_factor(view));
  json::object payload{{"position", {{"x", s.x * scale}, {"y", s.y * scale}}}};
  if (paths) {
    json::array list;
    for (auto& p : *paths) list.emplace_back(p);
    payload["paths"] = std::move(list);
  }
  s.context.events.emit(event, json::serialize(payload), s.webview_label);
}

// A drag that started outside this app and carries files (text/uri-list). Drags inside the page
// (HTML drag and drop) stay WebKit's.
bool external_file_drag(GdkDragContext* drag) {
  if (gtk_drag_get_source_widget(drag)) return false;
  return g_list_find(gdk_drag_context_list_targets(drag), uri_list()) != nullptr;
}

gboolean on_drag_motion(GtkWidget* view, GdkDragContext* drag, int x, int y, guint time, gpointer) {
  DropState* s = drop_state(view);
  if (!s || !external_file_drag(drag)) return FALSE;
  s->leave_pending = false;
  s->x = x, s->y = y;
  if (s->entered)
    emit_drag(view, *s, "tauri://drag-over", nullptr);
  else if (!s->requested) {
    s->requested = true;
    gtk_drag_get_data(view, drag, uri_list(), time);  // drag-enter goes out with the paths
  }
  gdk_drag_status(drag, GDK_ACTION_COPY, time);
  return TRUE;  // WebKit does not see it
}

gboolean leave_unless_dropped(gpointer view) {
  if (DropState* s = drop_state(view); s && s->leave_pending && !s->dropping) {
    if (s->entered) s->context.events.emit("tauri://drag-leave", "null", s->webview_label);
    s->reset();
  }
  g_object_unref(view);
  return G_SOURCE_REMOVE;
}

void on_drag_leave(GtkWidget* view, GdkDragContext*, guint, gpointer) {
  DropState* s = drop_state(view);
  if (!s || !s->ours()) return;
  g_signal_stop_emission_by_name(view, "drag-leave");
  // GTK sends drag-leave before drag-drop too: decide once the drop had its chance.
  s->leave_pending = true;
  g_idle_add(leave_unless_dropped, g_object_ref(view));
}

gboolean on_drag_drop(GtkWidget* view, GdkDragContext* drag, int x, int y, guint time, gpointer) {
  DropState* s = drop_state(view);
  if (!s || !s->ours() || !external_file_drag(drag)) return FALSE;
  s->dropping = true;
  s->leave_pending = false;
  s->x = x, s->y = y;
  gtk_drag_get_data(view, drag, uri_list(), time);
  return TRUE;  // WebKit does not open the file
}

// file:// URIs as local paths; other URIs (links dragged from a browser) are not files.
std::vector<std::string> paths_of(GtkSelectionData* data) {
  std::vector<std::string> paths;
  gchar** uris = gtk_selection_data_get_uris(data);
  for (gchar** u = uris; u && *u; ++u) {
    if (gchar* path = g_filename_from_uri(*u, nullptr, nullptr)) {
      paths.emplace_back(path);
      g_free(path);
    }
  }
  g_strfreev(uris);
  return paths;
}

void on_drag_data(GtkWidget* view, GdkDragContext* drag, int, int, GtkSelectionData* data, guint, guint time,
                  gpointer) {
  DropState* s = drop_state(view);
  if (!s || !s->ours()) return;
  g_signal_stop_emission_by_name(view, "drag-data-received");
  std::vector<std::string> paths = paths_of(data);
  if (s->dropping) {
    emit_drag(view, *s, "tauri://drag-drop", &paths);
    gtk_drag_finish(drag, TRUE, FALSE, time);
    s->reset();
  } else if (!s->entered) {
    s->entered = true;
    emit_drag(view, *s, "tauri://drag-enter", &paths);
  }
}

}  // namespace

void watch_drag_drop(WebKitWebView* view, const std::string& window_label, const std::string& webview_label,
                     DesktopContext& context) {
  if (!view || drop_state(view)) return;
  auto* s = new DropState{context, window_label, webview_label};
  g_object_set_data_full(G_OBJECT(view), kDropKey, s, [](gpointer p) { delete static_cast<DropState*>(p); });
  // Connected before WebKit's own handlers (class handlers run last): returning TRUE keeps the
  // drag from WebKit, which would otherwise load the dropped file in place of the page.
  g_signal_connect(view, "drag-motion", G_CALLBACK(on_drag_motion), nullptr);
  g_signal_connect(view, "drag-leave", G_CALLBACK(on_drag_leave), nullptr);
  g_signal_connect(view, "drag-drop", G_CALLBACK(on_drag_drop), nullptr);
  g_signal_connect(view, "drag-data-received", G_CALLBACK(on_drag_data), nullptr);
  spdlog::debug("webview '{}' of window '{}': files dropped become drag-drop events", webview_label, window_label);
}

}  // namespace warden::desktop
