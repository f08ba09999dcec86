#include "webview/window_config.hpp"

#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>
#include <gtk/gtk.h>
#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

namespace warden::webview {
namespace json = boost::json;

namespace {

// Sizes and positions in logical pixels: large enough for any screen, small enough that GTK's
// 16-bit X geometry does not wrap.
constexpr double kMaxExtent = 16384;
constexpr double kMinWindowSize = 50;  // width/height, as the config reader has always required

struct Reader {
  const std::string& where;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error(where + "." + key + ": " + what);
  }
  bool boolean(const json::value& v, const std::string& key) const {
    if (!v.is_bool()) fail(key, "must be true or false");
    return v.as_bool();
  }
  std::string string(const json::value& v, const std::string& key) const {
    if (!v.is_string()) fail(key, "must be a string");
    return std::string(v.as_string());
  }
  int number(const json::value& v, const std::string& key, double low, double high) const {
    if (!v.is_number()) fail(key, "must be a number");
    double d = v.to_number<double>();
    if (!std::isfinite(d) || d < low || d > high)
      fail(key, "must be between " + std::to_string(static_cast<long>(low)) + " and " +
                    std::to_string(static_cast<long>(high)));
    return static_cast<int>(std::lround(d));
  }
  int size(const json::value& v, const std::string& key) const { return number(v, key, kMinWindowSize, kMaxExtent); }
  int limit(const json::value& v, const std::string& key) const { return number(v, key, 0, kMaxExtent); }
  int position(const json::value& v, const std::string& key) const { return number(v, key, -kMaxExtent, kMaxExtent); }
};

// Tauri's label rule (is_label_valid): labels reach window titles, events and capability
// matching; anything else is refused rather than escaped everywhere.
bool label_is_valid(const std::string& label) {
  if (label.empty()) return false;
  for (char c : label)
    if (!(g_ascii_isalnum(c) || c == '-' || c == '/' || c == ':' || c == '_')) return false;
  return true;
}

int hex_digit(char c) { return g_ascii_xdigit_value(c); }

// "#rgb", "#rgba", "#rrggbb", "#rrggbbaa", [r, g, b], [r, g, b, a] or {red, green, blue, alpha}:
// the forms Tauri's Color accepts.
WindowColor color_of(const Reader& r, const json::value& v, const std::string& key) {
  const char* expected = "must be \"#rrggbb\", \"#rrggbbaa\", \"#rgb\", \"#rgba\", [r, g, b], [r, g, b, a] or "
                         "{red, green, blue, alpha} with components 0 to 255";
  WindowColor c;
  auto component = [&](const json::value& n) {
    if (!n.is_number()) r.fail(key, expected);
    double d = n.to_number<double>();
    if (!(d >= 0 && d <= 255) || d != std::floor(d)) r.fail(key, expected);
    return static_cast<uint8_t>(d);
  };
  if (v.is_string()) {
    std::string s(v.as_string());
    if (s.empty() || s[0] != '#') r.fail(key, expected);
    std::string hex = s.substr(1);
    for (char ch : hex)
      if (hex_digit(ch) < 0) r.fail(key, expected);
    std::vector<uint8_t> parts;
    if (hex.size() == 3 || hex.size() == 4) {
      for (char ch : hex) parts.push_back(static_cast<uint8_t>(hex_digit(ch) * 17));
    } else if (hex.size() == 6 || hex.size() == 8) {
      for (size_t i = 0; i < hex.size(); i += 2)
        parts.push_back(static_cast<uint8_t>(hex_digit(hex[i]) * 16 + hex_digit(hex[i + 1])));
    } else {
      r.fail(key, expected);
    }
    c = {parts[0], parts[1], parts[2], parts.size() == 4 ? parts[3] : uint8_t{255}};
  } else if (v.is_array()) {
    const auto& a = v.as_array();
    if (a.size() != 3 && a.size() != 4) r.fail(key, expected);
    c = {component(a[0]), component(a[1]), component(a[2]), a.size() == 4 ? component(a[3]) : uint8_t{255}};
  } else if (v.is_object()) {
    const auto& o = v.as_object();
    for (const char* k : {"red", "green", "blue"})
      if (!o.contains(k)) r.fail(key, expected);
    c = {component(o.at("red")), component(o.at("green")), component(o.at("blue")),
         o.contains("alpha") ? component(o.at("alpha")) : uint8_t{255}};
  } else {
    r.fail(key, expected);
  }
  return c;
}

using Field = std::function<void(const Reader&, const json::value&, const std::string&, WindowConfig&)>;

Field flag(bool WindowConfig::*member) {
  return [member](const Reader& r, const json::value& v, const std::string& key, WindowConfig& c) {
    c.*member = r.boolean(v, key);
  };
}
Field optional_limit(std::optional<int> WindowConfig::*member) {
  return [member](const Reader& r, const json::value& v, const std::string& key, WindowConfig& c) {
    c.*member = r.limit(v, key);
  };
}
Field optional_string(std::optional<std::string> WindowConfig::*member) {
  return [member](const Reader& r, const json::value& v, const std::string& key, WindowConfig& c) {
    c.*member = r.string(v, key);
  };
}

// Every key Warden acts on, with its reader. null means "not set" for every key.
const std::map<std::string, Field>& fields() {
  static const std::map<std::string, Field> table = {
      {"label", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         c.label = r.string(v, k);
         if (!label_is_valid(c.label))
           r.fail(k, "'" + c.label + "' must be non-empty and use only a-z, A-Z, 0-9, '-', '/', ':' and '_'");
       }},
      {"url", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         c.url = r.string(v, k);
         if (c.url.empty()) r.fail(k, "must not be empty");
       }},
      {"title", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) { c.title = r.string(v, k); }},
      {"width", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) { c.width = r.size(v, k); }},
      {"height", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) { c.height = r.size(v, k); }},
      {"x", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) { c.x = r.position(v, k); }},
      {"y", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) { c.y = r.position(v, k); }},
      {"center", flag(&WindowConfig::center)},
      {"minWidth", optional_limit(&WindowConfig::min_width)},
      {"minHeight", optional_limit(&WindowConfig::min_height)},
      {"maxWidth", optional_limit(&WindowConfig::max_width)},
      {"maxHeight", optional_limit(&WindowConfig::max_height)},
      {"preventOverflow", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         if (v.is_bool()) {
           if (v.as_bool()) c.prevent_overflow = WindowConfig::OverflowMargin{};
           else c.prevent_overflow.reset();
           return;
         }
         if (!v.is_object()) r.fail(k, "must be true, false or {width, height} (a margin)");
         const auto& o = v.as_object();
         WindowConfig::OverflowMargin margin;
         if (auto* w = o.if_contains("width")) margin.width = r.limit(*w, k + ".width");
         if (auto* h = o.if_contains("height")) margin.height = r.limit(*h, k + ".height");
         c.prevent_overflow = margin;
       }},
      {"resizable", flag(&WindowConfig::resizable)},
      {"maximizable", flag(&WindowConfig::maximizable)},
      {"minimizable", flag(&WindowConfig::minimizable)},
      {"closable", flag(&WindowConfig::closable)},
      {"fullscreen", flag(&WindowConfig::fullscreen)},
      {"focus", flag(&WindowConfig::focus)},
      {"focusable", flag(&WindowConfig::focusable)},
      {"transparent", flag(&WindowConfig::transparent)},
      {"maximized", flag(&WindowConfig::maximized)},
      {"visible", flag(&WindowConfig::visible)},
      {"decorations", flag(&WindowConfig::decorations)},
      {"alwaysOnTop", flag(&WindowConfig::always_on_top)},
      {"alwaysOnBottom", flag(&WindowConfig::always_on_bottom)},
      {"contentProtected", flag(&WindowConfig::content_protected)},
      {"skipTaskbar", flag(&WindowConfig::skip_taskbar)},
      {"visibleOnAllWorkspaces", flag(&WindowConfig::visible_on_all_workspaces)},
      {"shadow", flag(&WindowConfig::shadow)},
      {"theme", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         std::string theme = v.is_string() ? std::string(v.as_string()) : "";
         if (theme == "light") c.theme = WindowTheme::light;
         else if (theme == "dark") c.theme = WindowTheme::dark;
         else r.fail(k, "must be \"light\", \"dark\" or null");
       }},
      {"backgroundColor", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         c.background_color = color_of(r, v, k);
       }},
      {"parent", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         c.parent = r.string(v, k);
         if (!label_is_valid(*c.parent)) r.fail(k, "'" + *c.parent + "' is not a window label");
       }},
      {"create", flag(&WindowConfig::create)},
      {"userAgent", optional_string(&WindowConfig::user_agent)},
      {"dragDropEnabled", flag(&WindowConfig::drag_drop_enabled)},
      {"zoomHotkeysEnabled", flag(&WindowConfig::zoom_hotkeys_enabled)},
      {"devtools", [](const Reader& r, const json::value& v, const std::string& k, WindowConfig& c) {
         c.devtools = r.boolean(v, k);
       }},
      {"incognito", flag(&WindowConfig::incognito)},
      {"javascriptDisabled", flag(&WindowConfig::javascript_disabled)},
  };
  return table;
}

// Keys of Tauri's WindowConfig / WindowOptions / WebviewOptions that have no effect on Linux
// (macOS, Windows or mobile only) or that Warden does not implement: accepted, not type-checked.
const std::set<std::string>& ignored() {
  static const std::set<std::string> keys = {
      // macOS
      "titleBarStyle", "hiddenTitle", "acceptFirstMouse", "tabbingIdentifier", "trafficLightPosition",
      "allowLinkPreview", "dataStoreIdentifier", "backgroundThrottling",
      // Windows
      "additionalBrowserArgs", "noRedirectionBitmap", "scrollBarStyle", "useHttpsScheme", "browserExtensionsEnabled",
      // macOS and Windows
      "windowEffects", "windowClassname",
      // mobile
      "disableInputAccessoryView", "activityName", "createdByActivityName", "requestedBySceneIdentifier",
      // Linux in Tauri, not implemented by Warden (one web context per run)
      "proxyUrl", "dataDirectory", "extensionsPath",
  };
  return keys;
}

}  // namespace

WindowConfig parse_window_config(const json::object& o, const std::string& where, WindowConfig defaults) {
  Reader r{where};
  WindowConfig config = std::move(defaults);
  for (const auto& [key_view, value] : o) {
    std::string key(key_view);
    if (value.is_null()) continue;  // Tauri's Option fields: null = not set
    if (auto it = fields().find(key); it != fields().end()) {
      it->second(r, value, key, config);
    } else if (key == "navigation") {
      // Warden's own per-window key, read with the navigation policy (navigation_policy.hpp).
    } else if (ignored().count(key)) {
      config.ignored_keys.push_back(key);
    } else {
      spdlog::warn("{}.{}: not a window option Warden knows; ignored", where, key);
    }
  }
  if (!config.ignored_keys.empty()) {
    std::string list;
    for (const auto& k : config.ignored_keys) list += (list.empty() ? "" : ", ") + k;
    spdlog::info("{}: {} have no effect on Linux in Warden (docs/bridge.md)", where, list);
  }
  auto check_order = [&](const std::optional<int>& min, const std::optional<int>& max, const char* min_key) {
    if (min && max && *min > *max) r.fail(min_key, "must not exceed its max (" + std::to_string(*max) + ")");
  };
  check_order(config.min_width, config.max_width, "minWidth");
  check_order(config.min_height, config.max_height, "minHeight");
  return config;
}

std::string window_start_url(const WindowConfig& config) {
  if (g_uri_is_valid(config.url.c_str(), G_URI_FLAGS_NONE, nullptr)) return config.url;
  std::string path = config.url;
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  return "app://localhost/" + path;
}

namespace {

// The config's min/max size as GTK geometry hints (none when the config sets neither).
void set_config_limits(GtkWindow* window, const std::optional<int>& min_width, const std::optional<int>& min_height,
                       const std::optional<int>& max_width, const std::optional<int>& max_height) {
  GdkGeometry hints{};
  int mask = 0;
  if (min_width || min_height) {
    hints.min_width = min_width.value_or(0);
    hints.min_height = min_height.value_or(0);
    mask |= GDK_HINT_MIN_SIZE;
  }
  if (max_width || max_height) {
    hints.max_width = max_width.value_or(G_MAXSHORT);
    hints.max_height = max_height.value_or(G_MAXSHORT);
    mask |= GDK_HINT_MAX_SIZE;
  }
  gtk_window_set_geometry_hints(window, nullptr, &hints, static_cast<GdkWindowHints>(mask));
}

// GTK lets a max-size hint of the app's win over the fixed size of a non-resizable window (the
// window manager would still offer a resize): a non-resizable window gets min = max = its size.
void set_fixed_size(GtkWindow* window, int width, int height) {
  GdkGeometry hints{};
  hints.min_width = hints.max_width = width;
  hints.min_height = hints.max_height = height;
  gtk_window_set_geometry_hints(window, nullptr, &hints, static_cast<GdkWindowHints>(GDK_HINT_MIN_SIZE | GDK_HINT_MAX_SIZE));
}

struct ConfigLimits {
  std::optional<int> min_width, min_height, max_width, max_height;
};

// Whenever the window's resizable flag changes (the config, window|set_resizable): fixed at its
// current size while not resizable, the config's limits again once resizable. A later
// set_min_size/set_max_size replaces the hints as before.
void on_resizable_changed(GObject* object, GParamSpec*, gpointer data) {
  GtkWindow* window = GTK_WINDOW(object);
  const auto* limits = static_cast<const ConfigLimits*>(data);
  if (gtk_window_get_resizable(window)) {
    set_config_limits(window, limits->min_width, limits->min_height, limits->max_width, limits->max_height);
  } else {
    int width = 0, height = 0;
    gtk_window_get_size(window, &width, &height);
    set_fixed_size(window, width, height);
  }
}

void set_size_limits(GtkWindow* window, const WindowConfig& config, int width, int height) {
  if (config.resizable)
    set_config_limits(window, config.min_width, config.min_height, config.max_width, config.max_height);
  else
    set_fixed_size(window, width, height);
}

// Connected once the config's own resizable flag is set: it acts on later changes only.
void follow_resizable_changes(GtkWindow* window, const WindowConfig& config) {
  auto* limits = new ConfigLimits{config.min_width, config.min_height, config.max_width, config.max_height};
  g_signal_connect_data(window, "notify::resizable", G_CALLBACK(on_resizable_changed), limits,
                        [](gpointer p, GClosure*) { delete static_cast<ConfigLimits*>(p); }, GConnectFlags{});
}

// The size the window opens with: the configured one, within its min/max, and (preventOverflow)
// within the work area of the monitor it opens on.
std::pair<int, int> initial_size(const WindowConfig& config) {
  int width = config.width, height = config.height;
  if (config.min_width) width = std::max(width, *config.min_width);
  if (config.min_height) height = std::max(height, *config.min_height);
  if (config.max_width) width = std::min(width, *config.max_width);
  if (config.max_height) height = std::min(height, *config.max_height);
  GdkDisplay* display = gdk_display_get_default();
  if (config.prevent_overflow && display) {
    GdkMonitor* monitor = (config.x && config.y) ? gdk_display_get_monitor_at_point(display, *config.x, *config.y)
                                                 : gdk_display_get_primary_monitor(display);
    if (!monitor && gdk_display_get_n_monitors(display) > 0) monitor = gdk_display_get_monitor(display, 0);
    if (monitor) {
      GdkRectangle area;
      gdk_monitor_get_workarea(monitor, &area);
      width = std::max(1, std::min(width, area.width - config.prevent_overflow->width));
      height = std::max(1, std::min(height, area.height - config.prevent_overflow->height));
    }
  }
  return {width, height};
}

void set_background(GtkWidget* widget, const WindowConfig& config) {
  if (!config.background_color && !config.transparent) return;
  WindowColor c = config.transparent ? WindowColor{0, 0, 0, 0} : *config.background_color;
  std::string css = "window { background-color: rgba(" + std::to_string(c.red) + "," + std::to_string(c.green) + "," +
                    std::to_string(c.blue) + "," + std::to_string(c.alpha / 255.0) + "); }";
  GtkCssProvider* provider = gtk_css_provider_new();
  gtk_css_provider_load_from_data(provider, css.c_str(), -1, nullptr);
  // A provider of this widget only: the colour does not leak to the app's other windows.
  gtk_style_context_add_provider(gtk_widget_get_style_context(widget), GTK_STYLE_PROVIDER(provider),
                                 GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref(provider);
}

}  // namespace

void apply_window_config(GtkWidget* gtk_window, const WindowConfig& config) {
  GtkWindow* window = GTK_WINDOW(gtk_window);
  gtk_window_set_title(window, config.title.c_str());
  auto [width, height] = initial_size(config);
  gtk_window_set_default_size(window, width, height);
  set_size_limits(window, config, width, height);
  gtk_window_set_resizable(window, config.resizable ? TRUE : FALSE);
  follow_resizable_changes(window, config);
  // GTK sizes a non-resizable window to its child's natural size, ignoring the default size:
  // ask for the configured size instead (as tao does).
  if (!config.resizable) gtk_widget_set_size_request(gtk_window, width, height);
  if (config.x && config.y) {
    gtk_window_move(window, *config.x, *config.y);
  } else if (config.center) {
    gtk_window_set_position(window, GTK_WIN_POS_CENTER);
  }
  gtk_window_set_decorated(window, config.decorations ? TRUE : FALSE);
  gtk_window_set_deletable(window, config.closable ? TRUE : FALSE);
  gtk_window_set_keep_above(window, config.always_on_top ? TRUE : FALSE);
  gtk_window_set_keep_below(window, config.always_on_bottom && !config.always_on_top ? TRUE : FALSE);
  gtk_window_set_skip_taskbar_hint(window, config.skip_taskbar ? TRUE : FALSE);
  gtk_window_set_skip_pager_hint(window, config.skip_taskbar ? TRUE : FALSE);
  if (config.visible_on_all_workspaces) gtk_window_stick(window);
  if (config.maximized) gtk_window_maximize(window);
  if (config.fullscreen) gtk_window_fullscreen(window);
  gtk_window_set_focus_on_map(window, config.focus && config.focusable ? TRUE : FALSE);
  gtk_window_set_accept_focus(window, config.focusable ? TRUE : FALSE);
  if (config.transparent) {
    GdkScreen* screen = gtk_widget_get_screen(gtk_window);
    if (GdkVisual* rgba = gdk_screen_get_rgba_visual(screen)) {
      gtk_widget_set_visual(gtk_window, rgba);
    } else {
      spdlog::warn("window '{}': transparent, but the screen has no RGBA visual (no compositor?)", config.label);
    }
    gtk_widget_set_app_paintable(gtk_window, TRUE);
  }
  set_background(gtk_window, config);
  if (config.theme) {
    // GTK has one theme per process: like tao on Linux, the window's theme sets the app's.
    g_object_set(gtk_settings_get_default(), "gtk-application-prefer-dark-theme",
                 *config.theme == WindowTheme::dark ? TRUE : FALSE, nullptr);
  }
}

void show_configured_window(GtkWidget* gtk_window, const WindowConfig& config) {
  gtk_container_foreach(GTK_CONTAINER(gtk_window), [](GtkWidget* child, gpointer) { gtk_widget_show_all(child); },
                        nullptr);
  if (config.visible) gtk_widget_show(gtk_window);
}

namespace {

// Ctrl + / Ctrl = zoom in, Ctrl - out, Ctrl 0 back to 100 %, in steps of 10 %.
gboolean on_zoom_key(GtkWidget* widget, GdkEventKey* event, gpointer) {
  if (!(event->state & GDK_CONTROL_MASK)) return FALSE;
  auto* view = WEBKIT_WEB_VIEW(widget);
  double level = webkit_web_view_get_zoom_level(view);
  switch (event->keyval) {
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add: level = std::min(5.0, level + 0.1); break;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract: level = std::max(0.2, level - 0.1); break;
    case GDK_KEY_0: case GDK_KEY_KP_0: level = 1.0; break;
    default: return FALSE;
  }
  webkit_web_view_set_zoom_level(view, level);
  return TRUE;
}

}  // namespace

void apply_webview_config(WebKitWebView* view, const WindowConfig& config, bool devtools_allowed) {
  WebKitSettings* settings = webkit_web_view_get_settings(view);
  if (config.user_agent) webkit_settings_set_user_agent(settings, config.user_agent->c_str());
  webkit_settings_set_enable_developer_extras(settings, devtools_allowed && config.devtools.value_or(true));
  if (config.javascript_disabled) webkit_settings_set_enable_javascript(settings, FALSE);
  if (config.transparent || config.background_color) {
    WindowColor c = config.transparent ? WindowColor{0, 0, 0, 0} : *config.background_color;
    GdkRGBA rgba{c.red / 255.0, c.green / 255.0, c.blue / 255.0, c.alpha / 255.0};
    webkit_web_view_set_background_color(view, &rgba);
  }
  if (config.zoom_hotkeys_enabled) g_signal_connect(view, "key-press-event", G_CALLBACK(on_zoom_key), nullptr);
}

}  // namespace warden::webview
