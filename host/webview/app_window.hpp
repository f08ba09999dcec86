#pragma once
// One top-level window of the app: a GtkWindow holding its webviews (webview/app_webview.hpp).
// A webview window's webview fills the window; child webviews sit at a position and size of
// their own above it, and may follow the window's size (auto-resize). A menu bar, when the
// window has a menu (desktop/menu/window_menus.hpp), sits above all of them: the webviews get
// the rest of the window, and child webviews' places count from below the bar.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "webview/app_webview.hpp"
#include "webview/window_config.hpp"

typedef struct _GtkWidget GtkWidget;
typedef struct _GtkOverlay GtkOverlay;
typedef struct _WebKitWebView WebKitWebView;

namespace warden::webview {

// A child webview's place in its window, in logical pixels from the window's top-left corner
// (inside the decorations).
struct WebviewBounds {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

struct WindowEvents {
  std::function<void()> closed;  // the window was destroyed (its webviews were closed just before)
};

class AppWindow {
 public:
  // [main-thread] Creates the window with everything `config` says about it (apply_window_config;
  // not shown yet: show()), without webviews. `parent`: the GTK window it is transient for.
  AppWindow(const WindowConfig& config, WindowEvents events, GtkWidget* parent = nullptr);
  ~AppWindow();  // destroys the window if still open
  AppWindow(const AppWindow&) = delete;
  AppWindow& operator=(const AppWindow&) = delete;

  const std::string& label() const { return config_.label; }
  // What the window was made with (the window commands read what GTK cannot tell back).
  const WindowConfig& config() const { return config_; }
  bool open() const { return window_ != nullptr; }
  // The GTK window (a GtkWindow) while open, else nullptr: what the window commands act on.
  GtkWidget* gtk_window() const { return window_; }
  // [main-thread] Shows its webviews, and the window unless the config says visible: false.
  void show();

  // [main-thread] Places `webview` in this window: filling it when `bounds` is empty (a webview
  // window's webview; at most one), else at `bounds` above the filling one. Takes ownership.
  AppWebview& add_webview(std::unique_ptr<AppWebview> webview, std::optional<WebviewBounds> bounds = std::nullopt);
  // [main-thread] Removes webview `label` (open or closed) from the window and hands it over, or
  // nullptr when the window has none by that label. Its widget stays alive (reparent).
  std::unique_ptr<AppWebview> take_webview(const std::string& label);
  // The webviews, open and closed, the filling one first.
  std::vector<AppWebview*> webviews() const;
  AppWebview* find_webview(const std::string& label) const;
  // The open webview that fills the window (a webview window's), nullptr when none.
  AppWebview* filling_webview() const;
  // The webview whose document title stands for the window (headless driver, screenshot): the
  // filling one, else the first child; nullptr when it has no open webview.
  AppWebview* main_webview() const;
  // The title of main_webview()'s document ("" when none).
  std::string title() const;

  // [main-thread] A child webview's place (the filling one: the whole window at 0,0).
  std::optional<WebviewBounds> bounds_of(const std::string& label) const;
  // [main-thread] Moves or resizes a webview: false when it is not a child of this window (the
  // filling webview follows the window).
  bool set_bounds(const std::string& label, const WebviewBounds& bounds);
  // [main-thread] With `on`, the child keeps its place and size in proportion to the window's size.
  bool set_auto_resize(const std::string& label, bool on);

  // [main-thread] Shows `bar` (a GtkMenuBar; the window takes a reference) above the webviews,
  // in place of the one shown before; nullptr removes it.
  void set_menu_bar(GtkWidget* bar);
  GtkWidget* menu_bar() const { return menu_bar_; }

  void close();

 private:
  struct Placed {
    std::unique_ptr<AppWebview> webview;
    std::optional<WebviewBounds> bounds;  // empty: fills the window
    bool auto_resize = false;
    int window_width = 0;  // the window's size when `bounds` was set (auto-resize scales from it)
    int window_height = 0;
  };
  static void on_destroy(GtkWidget*, void* self);
  // GtkOverlay's get-child-position: a child webview's place from its bounds and the window's size.
  static int on_child_position(GtkOverlay* overlay, GtkWidget* child, void* out, void* self);
  // Where a child is shown now: its bounds, scaled with the window when it auto-resizes.
  WebviewBounds shown_bounds(const Placed& p) const;
  Placed* find_placed(const std::string& label);
  const Placed* find_placed(const std::string& label) const;

  WindowConfig config_;
  WindowEvents events_;
  GtkWidget* window_ = nullptr;
  GtkWidget* box_ = nullptr;       // the window's only child: the menu bar (if any) over the overlay
  GtkWidget* menu_bar_ = nullptr;
  GtkWidget* overlay_ = nullptr;   // the filling webview, children above it
  std::vector<Placed> webviews_;
};

}  // namespace warden::webview
