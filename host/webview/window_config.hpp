#pragma once
// One window of the app and its webview: Tauri's WindowConfig, read from warden.conf.json's
// app.windows[] and from the options a page sends with `new WebviewWindow(label, options)` /
// `new Window(label, options)` (the same camelCase keys). docs/bridge.md "Window config" lists
// which keys do nothing on Linux.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

typedef struct _GtkWidget GtkWidget;
typedef struct _WebKitWebView WebKitWebView;

namespace warden::webview {

enum class WindowTheme { light, dark };

struct WindowColor {
  uint8_t red = 0, green = 0, blue = 0, alpha = 255;
  bool operator==(const WindowColor&) const = default;
};

struct WindowConfig {
  std::string label = "main";      // a-zA-Z0-9 and -/:_ (Tauri's rule)
  std::string url = "index.html";  // relative: under app://localhost/; absolute: loaded as is
  std::string title = "Warden";
  int width = 800;                 // logical pixels, as GTK counts them
  int height = 600;
  std::optional<int> x{}, y{};     // the outer top-left corner; ignored unless both are set
  bool center = false;
  std::optional<int> min_width{}, min_height{}, max_width{}, max_height{};
  // preventOverflow: keep the window inside the monitor's work area, less this margin.
  struct OverflowMargin { int width = 0, height = 0; };
  std::optional<OverflowMargin> prevent_overflow{};
  bool resizable = true;
  bool maximizable = true;         // Linux: no effect (as Tauri); the window commands report it
  bool minimizable = true;         // Linux: no effect (as Tauri)
  bool closable = true;            // the window manager's close button (GTK "deletable")
  bool fullscreen = false;
  bool focus = true;               // take the focus when shown
  bool focusable = true;           // may take the focus at all
  bool transparent = false;
  bool maximized = false;
  bool visible = true;
  bool decorations = true;
  bool always_on_top = false;
  bool always_on_bottom = false;
  bool content_protected = false;  // Linux: no effect (as Tauri)
  bool skip_taskbar = false;
  bool visible_on_all_workspaces = false;
  bool shadow = true;              // Linux: no effect (as Tauri)
  std::optional<WindowTheme> theme{};              // none: follow the system
  std::optional<WindowColor> background_color{};
  std::optional<std::string> parent{};             // label of the window this one is transient for
  bool create = true;              // app.windows[] only: false = described but not opened at start
  // The webview's part.
  std::optional<std::string> user_agent{};
  bool drag_drop_enabled = true;
  bool zoom_hotkeys_enabled = false;  // Ctrl +, Ctrl -, Ctrl 0 zoom the page
  std::optional<bool> devtools{};     // none: as the build allows
  bool incognito = false;             // an ephemeral website data store
  bool javascript_disabled = false;
  // Keys that were given but do nothing on Linux or in Warden (for a warning, and tests).
  std::vector<std::string> ignored_keys{};
};

// Reads one WindowConfig from `o`, starting from `defaults` (e.g. the product name as title).
// `where` names the object in errors and warnings: "warden.conf.json: app.windows[0]" gives
// "warden.conf.json: app.windows[0].width: must be a number". Throws std::runtime_error on a
// key of the wrong type or out of range; keys it does not know are logged and ignored (Tauri's
// newer keys must not stop an app from starting).
WindowConfig parse_window_config(const boost::json::object& o, const std::string& where,
                                 WindowConfig defaults = {});

// The URL a window loads: `url` when absolute (has a scheme), else app://localhost/<url>.
std::string window_start_url(const WindowConfig& config);

// [main-thread] Sets on a new, not yet shown GtkWindow everything the config says about it:
// title, size, min/max size, position or centre, decorations, resizable, closable, keep
// above/below, skip taskbar/pager, sticky, fullscreen, maximized, focus on map, accept focus,
// transparency (an RGBA visual, app-paintable), background colour, theme (GTK's prefer-dark
// setting, which is global: the last window asking wins, as in Tauri on Linux). Does not show it:
// see show_configured_window.
void apply_window_config(GtkWidget* gtk_window, const WindowConfig& config);

// [main-thread] Shows the window's children, and the window itself when config.visible: a window
// created invisible shows with everything in it once a `show` command maps it.
void show_configured_window(GtkWidget* gtk_window, const WindowConfig& config);

// [main-thread] The webview's part that can be set after the view exists: user agent, developer
// tools (only when `devtools_allowed`, and config.devtools is not false), JavaScript off,
// transparent or coloured background, zoom hotkeys. `incognito` cannot be set here: create the
// view with "is-ephemeral" = config.incognito.
void apply_webview_config(WebKitWebView* view, const WindowConfig& config, bool devtools_allowed);

}  // namespace warden::webview
