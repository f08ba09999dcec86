#include "desktop/window_commands.hpp"

#include <gtk/gtk.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "desktop/image_resource.hpp"
#include "desktop/monitor.hpp"

namespace warden::desktop {
namespace json = boost::json;
using runtime::Invocation;

namespace window_state {

int scale_of(GtkWindow* window) { return std::max(1, gtk_widget_get_scale_factor(GTK_WIDGET(window))); }

namespace {

GdkWindow* gdk_of(GtkWindow* window) { return gtk_widget_get_window(GTK_WIDGET(window)); }

json::object point(int x, int y, int scale) { return {{"x", x * scale}, {"y", y * scale}}; }
json::object extent(int width, int height, int scale) { return {{"width", width * scale}, {"height", height * scale}}; }

// The frame (decorations included) in logical pixels; the client area when not realized.
GdkRectangle frame_of(GtkWindow* window) {
  GdkRectangle r{};
  if (GdkWindow* g = gdk_of(window)) {
    gdk_window_get_frame_extents(g, &r);
    return r;
  }
  gtk_window_get_position(window, &r.x, &r.y);
  gtk_window_get_size(window, &r.width, &r.height);
  return r;
}

}  // namespace

json::object inner_position(GtkWindow* window) {
  int x = 0, y = 0;
  if (GdkWindow* g = gdk_of(window))
    gdk_window_get_origin(g, &x, &y);
  else
    gtk_window_get_position(window, &x, &y);
  return point(x, y, scale_of(window));
}

json::object outer_position(GtkWindow* window) {
  GdkRectangle r = frame_of(window);
  return point(r.x, r.y, scale_of(window));
}

json::object inner_size(GtkWindow* window) {
  int w = 0, h = 0;
  gtk_window_get_size(window, &w, &h);
  return extent(w, h, scale_of(window));
}

json::object outer_size(GtkWindow* window) {
  GdkRectangle r = frame_of(window);
  return extent(r.width, r.height, scale_of(window));
}

// As tao reads it: dark when the app asked GTK for the dark variant or the theme's name says dark.
std::string theme_name() {
  GtkSettings* settings = gtk_settings_get_default();
  if (!settings) return "light";
  gboolean prefer_dark = FALSE;
  gchar* name = nullptr;
  g_object_get(settings, "gtk-application-prefer-dark-theme", &prefer_dark, "gtk-theme-name", &name, nullptr);
  std::string theme = name ? name : "";
  g_free(name);
  auto ends_with = [&theme](std::string_view s) { return theme.size() >= s.size() && theme.ends_with(s); };
  bool dark = prefer_dark || ends_with("-dark") || ends_with("-Dark") || ends_with("-Darker");
  return dark ? "dark" : "light";
}

}  // namespace window_state

namespace window_args {
namespace {

[[noreturn]] void bad(std::string_view name, std::string_view expected) {
  throw std::invalid_argument("argument '" + std::string(name) + "' must be " + std::string(expected));
}

double finite_number(const json::value* v, std::string_view name) {
  if (!v || !v->is_number()) bad(name, "a number");
  double d = v->to_number<double>();
  if (!std::isfinite(d)) bad(name, "a finite number");
  return d;
}

// {Physical: inner} / {Logical: inner} → inner and its unit.
std::pair<const json::object*, Unit> tagged(const json::value& v, std::string_view name, std::string_view shape) {
  if (!v.is_object()) bad(name, shape);
  const auto& o = v.as_object();
  if (o.size() == 1) {
    if (auto* p = o.if_contains("Physical"); p && p->is_object()) return {&p->as_object(), Unit::physical};
    if (auto* l = o.if_contains("Logical"); l && l->is_object()) return {&l->as_object(), Unit::logical};
  }
  return {nullptr, Unit::physical};
}

int round_clamped(double value, Unit unit, int scale, double low, double high) {
  double logical = unit == Unit::physical ? value / std::max(1, scale) : value;
  return static_cast<int>(std::clamp(std::round(logical), low, high));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Rgba hex_color(std::string_view s) {
  if (!s.empty() && s.front() == '#') s.remove_prefix(1);
  std::vector<int> digits;
  for (char c : s) {
    int d = hex_digit(c);
    if (d < 0) bad("value", "a color: #rgb, #rgba, #rrggbb or #rrggbbaa");
    digits.push_back(d);
  }
  std::vector<int> channels;
  if (digits.size() == 3 || digits.size() == 4)
    for (int d : digits) channels.push_back(d * 17);
  else if (digits.size() == 6 || digits.size() == 8)
    for (size_t i = 0; i < digits.size(); i += 2) channels.push_back(digits[i] * 16 + digits[i + 1]);
  else
    bad("value", "a color: #rgb, #rgba, #rrggbb or #rrggbbaa");
  return {channels[0], channels[1], channels[2], channels.size() == 4 ? channels[3] : 255};
}

int channel(const json::value* v, std::string_view name) {
  if (!v || !v->is_number()) bad(name, "a color channel 0..255");
  double d = v->to_number<double>();
  if (!(d >= 0 && d <= 255) || d != std::floor(d)) bad(name, "a color channel 0..255");
  return static_cast<int>(d);
}

}  // namespace

SizeArg size(const json::value& v, std::string_view name) {
  auto [inner, unit] = tagged(v, name, "a size: {Physical: {width, height}} or {Logical: {width, height}}");
  if (!inner) bad(name, "a size: {Physical: {width, height}} or {Logical: {width, height}}");
  SizeArg out{finite_number(inner->if_contains("width"), "width"),
              finite_number(inner->if_contains("height"), "height"), unit};
  if (out.width < 0 || out.height < 0) bad(name, "a size with no negative side");
  return out;
}

PositionArg position(const json::value& v, std::string_view name) {
  auto [inner, unit] = tagged(v, name, "a position: {Physical: {x, y}} or {Logical: {x, y}}");
  if (!inner && v.is_object()) inner = &v.as_object();  // a bare PhysicalPosition
  if (!inner) bad(name, "a position: {Physical: {x, y}} or {Logical: {x, y}}");
  return {finite_number(inner->if_contains("x"), "x"), finite_number(inner->if_contains("y"), "y"), unit};
}

int logical_length(double value, Unit unit, int scale) { return round_clamped(value, unit, scale, 1, 32767); }

int logical_coordinate(double value, Unit unit, int scale) {
  return round_clamped(value, unit, scale, -32768, 32767);
}

SizeConstraints size_constraints(const json::value& v, int scale) {
  if (!v.is_object()) bad("value", "{minWidth, minHeight, maxWidth, maxHeight}");
  const auto& o = v.as_object();
  auto one = [&](const char* key) -> std::optional<int> {
    auto* e = o.if_contains(key);
    if (!e || e->is_null()) return std::nullopt;
    auto [inner, unit] = std::pair<const json::value*, Unit>{nullptr, Unit::physical};
    if (e->is_object() && e->as_object().size() == 1) {
      if (auto* p = e->as_object().if_contains("Physical")) inner = p;
      if (auto* l = e->as_object().if_contains("Logical")) inner = l, unit = Unit::logical;
    }
    if (!inner) bad(key, "null, {Physical: n} or {Logical: n}");
    double d = finite_number(inner, key);
    if (d < 0) bad(key, "a length of at least 0");
    return logical_length(d, unit, scale);
  };
  return {one("minWidth"), one("minHeight"), one("maxWidth"), one("maxHeight")};
}

std::optional<std::string> css_cursor_name(std::string_view icon) {
  // CursorIcon's camelCase names → the CSS cursor names GDK knows (gdk_cursor_new_from_name).
  static const std::map<std::string_view, const char*> names = {
      {"default", "default"},       {"crosshair", "crosshair"},   {"hand", "pointer"},
      {"arrow", "default"},         {"move", "move"},             {"text", "text"},
      {"wait", "wait"},             {"help", "help"},             {"progress", "progress"},
      {"notAllowed", "not-allowed"}, {"contextMenu", "context-menu"}, {"cell", "cell"},
      {"verticalText", "vertical-text"}, {"alias", "alias"},     {"copy", "copy"},
      {"noDrop", "no-drop"},        {"grab", "grab"},             {"grabbing", "grabbing"},
      {"allScroll", "all-scroll"},  {"zoomIn", "zoom-in"},        {"zoomOut", "zoom-out"},
      {"eResize", "e-resize"},      {"nResize", "n-resize"},      {"neResize", "ne-resize"},
      {"nwResize", "nw-resize"},    {"sResize", "s-resize"},      {"seResize", "se-resize"},
      {"swResize", "sw-resize"},    {"wResize", "w-resize"},      {"ewResize", "ew-resize"},
      {"nsResize", "ns-resize"},    {"neswResize", "nesw-resize"}, {"nwseResize", "nwse-resize"},
      {"colResize", "col-resize"},  {"rowResize", "row-resize"}};
  auto it = names.find(icon);
  if (it == names.end()) return std::nullopt;
  return std::string(it->second);
}

std::optional<int> resize_edge(std::string_view direction) {
  static const std::map<std::string_view, GdkWindowEdge> edges = {
      {"East", GDK_WINDOW_EDGE_EAST},           {"North", GDK_WINDOW_EDGE_NORTH},
      {"NorthEast", GDK_WINDOW_EDGE_NORTH_EAST}, {"NorthWest", GDK_WINDOW_EDGE_NORTH_WEST},
      {"South", GDK_WINDOW_EDGE_SOUTH},         {"SouthEast", GDK_WINDOW_EDGE_SOUTH_EAST},
      {"SouthWest", GDK_WINDOW_EDGE_SOUTH_WEST}, {"West", GDK_WINDOW_EDGE_WEST}};
  auto it = edges.find(direction);
  if (it == edges.end()) return std::nullopt;
  return static_cast<int>(it->second);
}

Rgba color(const json::value& v) {
  if (v.is_string()) return hex_color(v.as_string());
  if (v.is_array()) {
    const auto& a = v.as_array();
    if (a.size() != 3 && a.size() != 4) bad("value", "a color array [r, g, b] or [r, g, b, a]");
    return {channel(&a[0], "red"), channel(&a[1], "green"), channel(&a[2], "blue"),
            a.size() == 4 ? channel(&a[3], "alpha") : 255};
  }
  if (v.is_object()) {
    const auto& o = v.as_object();
    auto* alpha = o.if_contains("alpha");
    return {channel(o.if_contains("red"), "red"), channel(o.if_contains("green"), "green"),
            channel(o.if_contains("blue"), "blue"), alpha ? channel(alpha, "alpha") : 255};
  }
  bad("value", "a color: a hex string, an [r, g, b(, a)] array or {red, green, blue, alpha}");
}

std::optional<Theme> theme(const json::value& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string() && v.as_string() == "light") return Theme::light;
  if (v.is_string() && v.as_string() == "dark") return Theme::dark;
  bad("value", "\"light\", \"dark\" or null");
}

ProgressBar progress_bar(const json::value& v) {
  if (!v.is_object()) bad("value", "a progress bar state {status?, progress?}");
  const auto& o = v.as_object();
  ProgressBar out;
  if (auto* s = o.if_contains("status"); s && !s->is_null()) {
    static const std::vector<std::string_view> known = {"none", "normal", "indeterminate", "paused", "error"};
    if (!s->is_string() || std::find(known.begin(), known.end(), std::string_view(s->as_string())) == known.end())
      bad("status", "one of none, normal, indeterminate, paused, error");
    out.status = std::string(s->as_string());
  }
  if (auto* p = o.if_contains("progress"); p && !p->is_null()) {
    double d = finite_number(p, "progress");
    if (d < 0 || d > 100) bad("progress", "a number 0..100");
    out.progress = static_cast<int>(std::round(d));
  }
  return out;
}

}  // namespace window_args

namespace {

using window_state::scale_of;

// One call on one window: its parsed arguments and the window it names.
struct WindowCall {
  Invocation& call;
  const json::object& args;
  webview::AppWindow& window;
  GtkWindow* gtk;
  DesktopContext& context;

  const json::value& value() const {
    static const json::value null_value;
    auto* v = args.if_contains("value");
    return v ? *v : null_value;
  }
  bool bool_value() const {
    if (!value().is_bool()) throw std::invalid_argument("argument 'value' must be true or false");
    return value().as_bool();
  }
  GdkWindow* gdk() const { return gtk_widget_get_window(GTK_WIDGET(gtk)); }
  GdkDisplay* display() const { return gtk_widget_get_display(GTK_WIDGET(gtk)); }
  GdkDevice* pointer() const { return gdk_seat_get_pointer(gdk_display_get_default_seat(display())); }
};

// What a command answers: JSON (null for the setters).
using WindowAction = std::function<json::value(WindowCall&)>;

// The label a call names: its `label` argument, or the caller's own window when that is
// missing or empty (Tauri's get_window).
std::string target_label(const json::object& args, const runtime::Caller& caller) {
  auto* label = args.if_contains("label");
  if (!label || label->is_null()) return caller.window;
  if (!label->is_string()) throw std::invalid_argument("argument 'label' must be a string");
  return label->as_string().empty() ? caller.window : std::string(label->as_string());
}

// Finds the window the call names and answers with what `action` returns, or refuses the call
// with what was wrong (an unknown window, a malformed argument).
void run_on_window(DesktopContext& context, const WindowAction& action, Invocation& call) {
  try {
    json::value parsed = json::parse(call.args_json);
    if (!parsed.is_object()) throw std::invalid_argument("arguments must be an object");
    const json::object& args = parsed.as_object();
    webview::AppWindow* w = context.windows.find(target_label(args, call.caller));
    if (!w || !w->open()) return void(call.completion->reject("window not found"));
    WindowCall target{call, args, *w, GTK_WINDOW(w->gtk_window()), context};
    json::value answer = action(target);
    call.completion->resolve_json(json::serialize(answer));
  } catch (const std::exception& e) {
    call.completion->reject(e.what());
  }
}

// A quick command (main thread, where GTK may be called).
void add(runtime::CommandTable& commands, DesktopContext& context, const char* name, WindowAction action) {
  auto run = [&context, action = std::move(action)](Invocation& call) { run_on_window(context, action, call); };
  commands.add(std::string("plugin:window|") + name, runtime::Command{std::move(run), false});
}

// A setter taking true/false.
void add_flag(runtime::CommandTable& commands, DesktopContext& context, const char* name,
              std::function<void(GtkWindow*, bool)> set) {
  add(commands, context, name, [set = std::move(set)](WindowCall& c) -> json::value {
    set(c.gtk, c.bool_value());
    return nullptr;
  });
}

bool has_state(GtkWindow* window, GdkWindowState flag) {
  GdkWindow* g = gtk_widget_get_window(GTK_WIDGET(window));
  return g && (gdk_window_get_state(g) & flag);
}

// Whether the window manager lists `state` in the window's _NET_WM_STATE (X11): GDK reports no
// "above" state of its own. Elsewhere (Wayland) what the page last asked for.
bool always_on_top(GtkWindow* window) {
  GdkWindow* g = gtk_widget_get_window(GTK_WIDGET(window));
  bool requested = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(window), "warden-keep-above"));
  if (!g) return requested;
  GdkAtom type{};
  int format = 0, length = 0;
  guchar* data = nullptr;
  if (!gdk_property_get(g, gdk_atom_intern_static_string("_NET_WM_STATE"), gdk_atom_intern_static_string("ATOM"), 0,
                        1024, FALSE, &type, &format, &length, &data))
    return requested;
  bool above = false;
  auto* atoms = reinterpret_cast<GdkAtom*>(data);
  for (size_t i = 0; i < length / sizeof(GdkAtom); ++i)
    above |= atoms[i] == gdk_atom_intern_static_string("_NET_WM_STATE_ABOVE");
  g_free(data);
  return above;
}

void add_getters(runtime::CommandTable& t, DesktopContext& cx) {
  namespace ws = window_state;
  add(t, cx, "scale_factor", [](WindowCall& c) -> json::value { return scale_of(c.gtk); });
  add(t, cx, "inner_position", [](WindowCall& c) -> json::value { return ws::inner_position(c.gtk); });
  add(t, cx, "outer_position", [](WindowCall& c) -> json::value { return ws::outer_position(c.gtk); });
  add(t, cx, "inner_size", [](WindowCall& c) -> json::value { return ws::inner_size(c.gtk); });
  add(t, cx, "outer_size", [](WindowCall& c) -> json::value { return ws::outer_size(c.gtk); });
  add(t, cx, "is_fullscreen",
      [](WindowCall& c) -> json::value { return has_state(c.gtk, GDK_WINDOW_STATE_FULLSCREEN); });
  add(t, cx, "is_minimized", [](WindowCall& c) -> json::value { return has_state(c.gtk, GDK_WINDOW_STATE_ICONIFIED); });
  add(t, cx, "is_maximized", [](WindowCall& c) -> json::value { return bool(gtk_window_is_maximized(c.gtk)); });
  add(t, cx, "is_always_on_top", [](WindowCall& c) -> json::value { return always_on_top(c.gtk); });
  add(t, cx, "is_focused", [](WindowCall& c) -> json::value { return bool(gtk_window_is_active(c.gtk)); });
  add(t, cx, "is_decorated", [](WindowCall& c) -> json::value { return bool(gtk_window_get_decorated(c.gtk)); });
  add(t, cx, "is_resizable", [](WindowCall& c) -> json::value { return bool(gtk_window_get_resizable(c.gtk)); });
  // GTK has no per-window maximize or minimize button switch: always true (as tao on Linux).
  add(t, cx, "is_maximizable", [](WindowCall&) -> json::value { return true; });
  add(t, cx, "is_minimizable", [](WindowCall&) -> json::value { return true; });
  add(t, cx, "is_closable", [](WindowCall& c) -> json::value { return bool(gtk_window_get_deletable(c.gtk)); });
  add(t, cx, "is_visible",
      [](WindowCall& c) -> json::value { return bool(gtk_widget_get_visible(GTK_WIDGET(c.gtk))); });
  add(t, cx, "is_enabled",
      [](WindowCall& c) -> json::value { return bool(gtk_widget_get_sensitive(GTK_WIDGET(c.gtk))); });
  add(t, cx, "title", [](WindowCall& c) -> json::value {
    const char* title = gtk_window_get_title(c.gtk);
    return json::string(title ? title : "");
  });
  add(t, cx, "theme", [](WindowCall&) -> json::value { return json::string(ws::theme_name()); });
}

GdkMonitor* monitor_of(WindowCall& c) {
  GdkMonitor* m = c.gdk() ? gdk_display_get_monitor_at_window(c.display(), c.gdk()) : nullptr;
  return m ? m : gdk_display_get_primary_monitor(c.display());
}

void add_monitors(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "current_monitor", [](WindowCall& c) { return monitor_json(monitor_of(c)); });
  add(t, cx, "primary_monitor", [](WindowCall& c) {
    GdkMonitor* m = gdk_display_get_primary_monitor(c.display());
    // X servers without a primary output (Xvfb) still have a first monitor.
    return monitor_json(m ? m : gdk_display_get_monitor(c.display(), 0));
  });
  add(t, cx, "available_monitors", [](WindowCall& c) { return all_monitors_json(c.display()); });
  add(t, cx, "monitor_from_point", [](WindowCall& c) {
    auto number = [&c](const char* key) {
      auto* v = c.args.if_contains(key);
      if (!v || !v->is_number() || !std::isfinite(v->to_number<double>()))
        throw std::invalid_argument(std::string("argument '") + key + "' must be a finite number");
      return v->to_number<double>();
    };
    return monitor_json(monitor_at_physical_point(c.display(), number("x"), number("y")));
  });
  add(t, cx, "cursor_position", [](WindowCall& c) -> json::value {
    int x = 0, y = 0;
    gdk_device_get_position(c.pointer(), nullptr, &x, &y);
    int scale = scale_of(c.gtk);
    return json::object{{"x", double(x * scale)}, {"y", double(y * scale)}};
  });
}

// Min and max size live together in GTK's geometry hints: each call keeps the other half.
window_args::SizeConstraints& constraints_of(GtkWindow* window) {
  static constexpr const char* kKey = "warden-size-constraints";
  auto* c = static_cast<window_args::SizeConstraints*>(g_object_get_data(G_OBJECT(window), kKey));
  if (!c) {
    c = new window_args::SizeConstraints{};
    g_object_set_data_full(G_OBJECT(window), kKey, c,
                           [](gpointer p) { delete static_cast<window_args::SizeConstraints*>(p); });
  }
  return *c;
}

void apply_constraints(GtkWindow* window) {
  const auto& c = constraints_of(window);
  GdkGeometry hints{};
  int mask = 0;
  if (c.min_width || c.min_height) {
    hints.min_width = c.min_width.value_or(1);
    hints.min_height = c.min_height.value_or(1);
    mask |= GDK_HINT_MIN_SIZE;
  }
  if (c.max_width || c.max_height) {
    hints.max_width = c.max_width.value_or(G_MAXSHORT);
    hints.max_height = c.max_height.value_or(G_MAXSHORT);
    mask |= GDK_HINT_MAX_SIZE;
  }
  gtk_window_set_geometry_hints(window, nullptr, &hints, static_cast<GdkWindowHints>(mask));
}

void set_min_or_max(WindowCall& c, bool min) {
  auto& constraints = constraints_of(c.gtk);
  std::optional<int> width, height;
  if (!c.value().is_null()) {
    auto s = window_args::size(c.value(), "value");
    width = window_args::logical_length(s.width, s.unit, scale_of(c.gtk));
    height = window_args::logical_length(s.height, s.unit, scale_of(c.gtk));
  }
  (min ? constraints.min_width : constraints.max_width) = width;
  (min ? constraints.min_height : constraints.max_height) = height;
  apply_constraints(c.gtk);
}

// Centers the frame on the window's monitor (its whole area, as tao does).
void center(WindowCall& c) {
  GdkMonitor* m = monitor_of(c);
  if (!m) return;
  GdkRectangle area, frame{};
  gdk_monitor_get_geometry(m, &area);
  if (c.gdk())
    gdk_window_get_frame_extents(c.gdk(), &frame);
  else
    gtk_window_get_size(c.gtk, &frame.width, &frame.height);
  gtk_window_move(c.gtk, area.x + (area.width - frame.width) / 2, area.y + (area.height - frame.height) / 2);
}

void add_geometry(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "set_size", [](WindowCall& c) -> json::value {
    auto s = window_args::size(c.value(), "value");
    int scale = scale_of(c.gtk);
    int width = window_args::logical_length(s.width, s.unit, scale);
    int height = window_args::logical_length(s.height, s.unit, scale);
    // A non-resizable window keeps its size through a size request (GTK would shrink it to the page's).
    if (!gtk_window_get_resizable(c.gtk)) gtk_widget_set_size_request(GTK_WIDGET(c.gtk), width, height);
    gtk_window_resize(c.gtk, width, height);
    return nullptr;
  });
  add(t, cx, "set_min_size", [](WindowCall& c) -> json::value { return set_min_or_max(c, true), nullptr; });
  add(t, cx, "set_max_size", [](WindowCall& c) -> json::value { return set_min_or_max(c, false), nullptr; });
  add(t, cx, "set_size_constraints", [](WindowCall& c) -> json::value {
    constraints_of(c.gtk) = window_args::size_constraints(c.value(), scale_of(c.gtk));
    apply_constraints(c.gtk);
    return nullptr;
  });
  add(t, cx, "set_position", [](WindowCall& c) -> json::value {
    auto p = window_args::position(c.value(), "value");
    int scale = scale_of(c.gtk);
    gtk_window_move(c.gtk, window_args::logical_coordinate(p.x, p.unit, scale),
                    window_args::logical_coordinate(p.y, p.unit, scale));
    return nullptr;
  });
  add(t, cx, "center", [](WindowCall& c) -> json::value { return center(c), nullptr; });
}

void set_fullscreen(GtkWindow* window, bool on) {
  on ? gtk_window_fullscreen(window) : gtk_window_unfullscreen(window);
}

void set_maximized(GtkWindow* window, bool on) { on ? gtk_window_maximize(window) : gtk_window_unmaximize(window); }

void add_state(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "maximize", [](WindowCall& c) -> json::value { return gtk_window_maximize(c.gtk), nullptr; });
  add(t, cx, "unmaximize", [](WindowCall& c) -> json::value { return gtk_window_unmaximize(c.gtk), nullptr; });
  add(t, cx, "toggle_maximize", [](WindowCall& c) -> json::value {
    return set_maximized(c.gtk, !gtk_window_is_maximized(c.gtk)), nullptr;
  });
  // A double press on a data-tauri-drag-region element: only a resizable window maximizes.
  add(t, cx, "internal_toggle_maximize", [](WindowCall& c) -> json::value {
    if (gtk_window_get_resizable(c.gtk)) set_maximized(c.gtk, !gtk_window_is_maximized(c.gtk));
    return nullptr;
  });
  add(t, cx, "minimize", [](WindowCall& c) -> json::value { return gtk_window_iconify(c.gtk), nullptr; });
  add(t, cx, "unminimize", [](WindowCall& c) -> json::value { return gtk_window_deiconify(c.gtk), nullptr; });
  add(t, cx, "show", [](WindowCall& c) -> json::value { return gtk_widget_show(GTK_WIDGET(c.gtk)), nullptr; });
  add(t, cx, "hide", [](WindowCall& c) -> json::value { return gtk_widget_hide(GTK_WIDGET(c.gtk)), nullptr; });
  add_flag(t, cx, "set_fullscreen", set_fullscreen);
  // macOS's fullscreen without a new Space; elsewhere Tauri makes it plain fullscreen.
  add_flag(t, cx, "set_simple_fullscreen", set_fullscreen);
  add(t, cx, "set_fullscreen_on_monitor", [](WindowCall& c) -> json::value {
    auto p = window_args::position(c.value(), "value");
    GdkMonitor* m = monitor_at_physical_point(c.display(), p.x, p.y);
    if (!m) throw std::invalid_argument("no monitor holds the position given in 'value'");
    int n = gdk_display_get_n_monitors(c.display());
    for (int i = 0; i < n; ++i)
      if (gdk_display_get_monitor(c.display(), i) == m)
        gtk_window_fullscreen_on_monitor(c.gtk, gtk_window_get_screen(c.gtk), i);
    return nullptr;
  });
  // Focus only a window the user can see (as tao): presenting a hidden one would show it.
  add(t, cx, "set_focus", [](WindowCall& c) -> json::value {
    if (gtk_widget_get_visible(GTK_WIDGET(c.gtk)) && !has_state(c.gtk, GDK_WINDOW_STATE_ICONIFIED))
      gtk_window_present_with_time(c.gtk, gtk_get_current_event_time());
    return nullptr;
  });
  add_flag(t, cx, "set_focusable", [](GtkWindow* w, bool on) {
    gtk_window_set_accept_focus(w, on);
    gtk_window_set_focus_on_map(w, on);
  });
  add(t, cx, "request_user_attention", [](WindowCall& c) -> json::value {
    const json::value& v = c.value();
    if (!v.is_null() && !v.is_object() && !v.is_string())
      throw std::invalid_argument("argument 'value' must be null or {type: \"Critical\" | \"Informational\"}");
    gtk_window_set_urgency_hint(c.gtk, !v.is_null());
    return nullptr;
  });
}

void add_flags(runtime::CommandTable& t, DesktopContext& cx) {
  add_flag(t, cx, "set_resizable", [](GtkWindow* w, bool on) {
    // Non-resizable: the current size becomes the request GTK keeps (else it shrinks the window to
    // the page's natural size); resizable again: the request goes, the min/max hints rule.
    int width = -1, height = -1;
    if (!on) gtk_window_get_size(w, &width, &height);
    gtk_widget_set_size_request(GTK_WIDGET(w), width, height);
    gtk_window_set_resizable(w, on);
  });
  add_flag(t, cx, "set_closable", [](GtkWindow* w, bool on) { gtk_window_set_deletable(w, on); });
  add_flag(t, cx, "set_decorations", [](GtkWindow* w, bool on) { gtk_window_set_decorated(w, on); });
  add_flag(t, cx, "set_always_on_top", [](GtkWindow* w, bool on) {
    g_object_set_data(G_OBJECT(w), "warden-keep-above", GINT_TO_POINTER(on));
    gtk_window_set_keep_above(w, on);
  });
  add_flag(t, cx, "set_always_on_bottom", [](GtkWindow* w, bool on) { gtk_window_set_keep_below(w, on); });
  add_flag(t, cx, "set_skip_taskbar", [](GtkWindow* w, bool on) {
    gtk_window_set_skip_taskbar_hint(w, on);
    gtk_window_set_skip_pager_hint(w, on);
  });
  add_flag(t, cx, "set_visible_on_all_workspaces", [](GtkWindow* w, bool on) {
    on ? gtk_window_stick(w) : gtk_window_unstick(w);
  });
  add_flag(t, cx, "set_enabled", [](GtkWindow* w, bool on) { gtk_widget_set_sensitive(GTK_WIDGET(w), on); });
  add(t, cx, "set_title", [](WindowCall& c) -> json::value {
    if (!c.value().is_string()) throw std::invalid_argument("argument 'value' must be a string");
    std::string title(c.value().as_string());
    gtk_window_set_title(c.gtk, title.c_str());
    return nullptr;
  });
}

// Sets `name` (a CSS cursor name, or "none") on the window and on the GdkWindows inside it (its
// webviews'), which would otherwise keep their own. WebKit sets the page's CSS cursor again as
// the pointer moves over a page.
void set_cursor(WindowCall& c, const char* name) {
  if (!c.gdk()) return;
  GdkCursor* cursor = gdk_cursor_new_from_name(c.display(), name);
  std::function<void(GdkWindow*)> apply = [&](GdkWindow* w) {
    gdk_window_set_cursor(w, cursor);
    for (GList* child = gdk_window_peek_children(w); child; child = child->next)
      apply(static_cast<GdkWindow*>(child->data));
  };
  apply(c.gdk());
  if (cursor) g_object_unref(cursor);
}

// Moves and resizes by the pointer start only while the primary button is down (a press on a
// title bar): a page cannot make the window follow a pointer the user is not dragging.
bool primary_button_down(WindowCall& c, int& root_x, int& root_y) {
  GdkModifierType mask{};
  gdk_device_get_state(c.pointer(), gdk_screen_get_root_window(gtk_window_get_screen(c.gtk)), nullptr, &mask);
  gdk_device_get_position(c.pointer(), nullptr, &root_x, &root_y);
  return mask & GDK_BUTTON1_MASK;
}

void add_pointer(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "set_cursor_icon", [](WindowCall& c) -> json::value {
    if (!c.value().is_string()) throw std::invalid_argument("argument 'value' must be a cursor icon name");
    auto name = window_args::css_cursor_name(c.value().as_string());
    if (!name) throw std::invalid_argument("unknown cursor icon '" + std::string(c.value().as_string()) + "'");
    set_cursor(c, name->c_str());
    return nullptr;
  });
  add(t, cx, "set_cursor_visible", [](WindowCall& c) -> json::value {
    set_cursor(c, c.bool_value() ? "default" : "none");
    return nullptr;
  });
  add(t, cx, "set_cursor_position", [](WindowCall& c) -> json::value {
    auto p = window_args::position(c.value(), "value");
    int scale = scale_of(c.gtk), x = 0, y = 0;
    if (c.gdk()) gdk_window_get_origin(c.gdk(), &x, &y);
    gdk_device_warp(c.pointer(), gtk_window_get_screen(c.gtk), x + window_args::logical_coordinate(p.x, p.unit, scale),
                    y + window_args::logical_coordinate(p.y, p.unit, scale));
    return nullptr;
  });
  // Clicks pass through to what is below: an empty input shape; false restores the whole window.
  add(t, cx, "set_ignore_cursor_events", [](WindowCall& c) -> json::value {
    bool ignore = c.bool_value();
    if (!c.gdk()) return nullptr;
    cairo_region_t* empty = ignore ? cairo_region_create() : nullptr;
    gdk_window_input_shape_combine_region(c.gdk(), empty, 0, 0);
    if (empty) cairo_region_destroy(empty);
    return nullptr;
  });
  add(t, cx, "start_dragging", [](WindowCall& c) -> json::value {
    int x = 0, y = 0;
    if (primary_button_down(c, x, y)) gtk_window_begin_move_drag(c.gtk, 1, x, y, gtk_get_current_event_time());
    return nullptr;
  });
  add(t, cx, "start_resize_dragging", [](WindowCall& c) -> json::value {
    auto edge = c.value().is_string() ? window_args::resize_edge(c.value().as_string()) : std::nullopt;
    if (!edge) throw std::invalid_argument("argument 'value' must be a resize direction (East, North, NorthEast, ...)");
    int x = 0, y = 0;
    if (primary_button_down(c, x, y))
      gtk_window_begin_resize_drag(c.gtk, static_cast<GdkWindowEdge>(*edge), 1, x, y, gtk_get_current_event_time());
    return nullptr;
  });
}

// App-wide on GTK (as tao); null gives the desktop's setting back, as app|set_app_theme does.
void set_theme(std::optional<window_args::Theme> theme) {
  GtkSettings* settings = gtk_settings_get_default();
  if (!settings) return;
  if (!theme)
    gtk_settings_reset_property(settings, "gtk-application-prefer-dark-theme");
  else
    g_object_set(settings, "gtk-application-prefer-dark-theme", *theme == window_args::Theme::dark, nullptr);
}

// The alpha of a CSS rgba() in [0, 1] with a '.' for its decimal point: std::to_string formats
// through the user's LC_NUMERIC (GTK sets it), which writes "0,501961" in German and breaks the rule.
std::string css_alpha(int alpha) {
  char text[32];
  auto end = std::to_chars(text, text + sizeof text, alpha / 255.0, std::chars_format::fixed, 6).ptr;
  return std::string(text, end);
}

void set_background(GtkWindow* window, const json::value& value) {
  static constexpr const char* kKey = "warden-background-css";
  GtkStyleContext* style = gtk_widget_get_style_context(GTK_WIDGET(window));
  if (auto* old = static_cast<GtkStyleProvider*>(g_object_get_data(G_OBJECT(window), kKey)))
    gtk_style_context_remove_provider(style, old);
  g_object_set_data(G_OBJECT(window), kKey, nullptr);
  if (value.is_null()) return;
  auto c = window_args::color(value);
  std::string css = "window { background-color: rgba(" + std::to_string(c.red) + "," + std::to_string(c.green) + "," +
                    std::to_string(c.blue) + "," + css_alpha(c.alpha) + "); }";
  GtkCssProvider* provider = gtk_css_provider_new();
  gtk_css_provider_load_from_data(provider, css.c_str(), -1, nullptr);
  gtk_style_context_add_provider(style, GTK_STYLE_PROVIDER(provider), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full(G_OBJECT(window), kKey, provider, g_object_unref);
}

void add_appearance(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "set_theme",
      [](WindowCall& c) -> json::value { return set_theme(window_args::theme(c.value())), nullptr; });
  add(t, cx, "set_background_color", [](WindowCall& c) -> json::value {
    return set_background(c.gtk, c.value()), nullptr;
  });
  add(t, cx, "set_icon", [](WindowCall& c) -> json::value {
    std::string error;
    GdkPixbuf* icon = image_from_arg(c.value(), c.call.caller, c.context, error);
    if (!icon) throw std::invalid_argument("argument 'value': " + error);
    gtk_window_set_icon(c.gtk, icon);
    g_object_unref(icon);
    return nullptr;
  });
}

// The Unity launcher API (com.canonical.Unity.LauncherEntry), which Tauri uses on Linux for the
// badge count and the progress bar: a session-bus signal naming the app's desktop file. App-wide.
// A session bus that is already there: GLib would otherwise autolaunch one (dbus-launch) for a
// badge nobody can see.
bool session_bus_exists() {
  if (g_getenv("DBUS_SESSION_BUS_ADDRESS")) return true;
  const char* runtime_dir = g_getenv("XDG_RUNTIME_DIR");
  return runtime_dir && g_file_test((std::string(runtime_dir) + "/bus").c_str(), G_FILE_TEST_EXISTS);
}

void send_launcher_update(GVariantBuilder* properties) {
  if (!session_bus_exists()) {
    spdlog::debug("launcher entry: no session bus; badge and progress not shown");
    g_variant_builder_unref(properties);
    return;
  }
  GError* error = nullptr;
  GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
  if (!bus) {
    spdlog::debug("launcher entry: no session bus ({})", error ? error->message : "unknown");
    g_clear_error(&error);
    g_variant_builder_unref(properties);
    return;
  }
  const char* program = g_get_prgname();
  std::string app_uri = std::string("application://") + (program ? program : "warden") + ".desktop";
  g_dbus_connection_emit_signal(bus, nullptr, "/com/canonical/unity/launcherentry/warden",
                                "com.canonical.Unity.LauncherEntry", "Update",
                                g_variant_new("(sa{sv})", app_uri.c_str(), properties), &error);
  if (error) spdlog::debug("launcher entry: {}", error->message);
  g_clear_error(&error);
  g_variant_builder_unref(properties);
  g_object_unref(bus);
}

void add_launcher(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "set_badge_count", [](WindowCall& c) -> json::value {
    const json::value& v = c.value();
    bool whole = v.is_int64() || v.is_uint64() || (v.is_double() && v.as_double() == std::floor(v.as_double()));
    if (!v.is_null() && !whole)
      throw std::invalid_argument("argument 'value' must be a whole number or null");
    GVariantBuilder* props = g_variant_builder_new(G_VARIANT_TYPE("a{sv}"));
    int64_t count = v.is_null() ? 0 : v.to_number<int64_t>();
    g_variant_builder_add(props, "{sv}", "count", g_variant_new_int64(count));
    g_variant_builder_add(props, "{sv}", "count-visible", g_variant_new_boolean(!v.is_null() && count != 0));
    send_launcher_update(props);
    return nullptr;
  });
  add(t, cx, "set_progress_bar", [](WindowCall& c) -> json::value {
    auto bar = window_args::progress_bar(c.value());
    GVariantBuilder* props = g_variant_builder_new(G_VARIANT_TYPE("a{sv}"));
    if (bar.progress) g_variant_builder_add(props, "{sv}", "progress", g_variant_new_double(*bar.progress / 100.0));
    bool visible = bar.status ? *bar.status != "none" : bar.progress.has_value();
    g_variant_builder_add(props, "{sv}", "progress-visible", g_variant_new_boolean(visible));
    g_variant_builder_add(props, "{sv}", "urgent", g_variant_new_boolean(bar.status && *bar.status == "error"));
    send_launcher_update(props);
    return nullptr;
  });
}

// Resolves first, then acts once the answer is out: the caller may be the window that goes.
void add_closing(runtime::CommandTable& t, DesktopContext& cx) {
  auto later = [&cx](std::string label, bool ask) {
    cx.main_thread.post([&cx, label, ask] {
      webview::AppWindow* w = cx.windows.find(label);
      if (!w || !w->open()) return;
      // Asking is what the window manager's close button does: delete-event, where a page
      // listening for tauri://close-requested may keep the window (window_events.cpp).
      if (ask)
        gtk_window_close(GTK_WINDOW(w->gtk_window()));
      else
        w->close();
    });
  };
  // Until core_plugins.cpp drops its own window|close (the caller's window only), it keeps it.
  if (!t.find("plugin:window|close"))
    add(t, cx, "close", [later](WindowCall& c) -> json::value { return later(c.window.label(), true), nullptr; });
  add(t, cx, "destroy", [later](WindowCall& c) -> json::value { return later(c.window.label(), false), nullptr; });
}

const std::vector<std::string_view> kWithoutEffect = {
    "set_maximizable",  "set_minimizable", "set_shadow",        "set_effects",        "set_content_protected",
    "set_cursor_grab",  "set_badge_label", "set_overlay_icon",  "set_title_bar_style"};
const std::vector<std::string_view> kRefused = {"activity_name", "scene_identifier"};

void add_unsupported(runtime::CommandTable& t, DesktopContext& cx) {
  for (std::string_view name : kWithoutEffect)
    add(t, cx, std::string(name).c_str(), [](WindowCall&) -> json::value { return nullptr; });
  add(t, cx, "activity_name", [](WindowCall&) -> json::value {
    throw std::invalid_argument("activity_name is Android's: Linux windows have no activity");
  });
  add(t, cx, "scene_identifier", [](WindowCall&) -> json::value {
    throw std::invalid_argument("scene_identifier is iOS's: Linux windows have no scene");
  });
}

}  // namespace

const std::vector<std::string_view>& window_commands_without_effect_on_linux() { return kWithoutEffect; }
const std::vector<std::string_view>& window_commands_refused_on_linux() { return kRefused; }

const std::string& drag_region_script() {
  static const std::string script = R"JS((function () {
  // data-tauri-drag-region: a custom title bar. A left press drags the window, a double press
  // toggles maximize; the press is the page's no further (no text selection, no click handlers).
  // Two double presses in quick succession count on (3, 4): the fourth toggles back, as a user
  // maximizing and restoring at once expects.
  document.addEventListener('mousedown', function (event) {
    var target = event.target;
    if (event.button !== 0 || !(target instanceof Element) || !target.hasAttribute('data-tauri-drag-region')) return;
    var toggle = event.detail >= 2 && event.detail % 2 === 0;
    if (event.detail !== 1 && !toggle) return;
    var internals = window.__TAURI_INTERNALS__;
    if (!internals || typeof internals.invoke !== 'function') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    internals.invoke(toggle ? 'plugin:window|internal_toggle_maximize' : 'plugin:window|start_dragging');
  });
})();
)JS";
  return script;
}

void add_window_commands(runtime::CommandTable& commands, DesktopContext& context) {
  add_getters(commands, context);
  add_monitors(commands, context);
  add_geometry(commands, context);
  add_state(commands, context);
  add_flags(commands, context);
  add_pointer(commands, context);
  add_appearance(commands, context);
  add_launcher(commands, context);
  add_closing(commands, context);
  add_unsupported(commands, context);
}

}  // namespace warden::desktop
