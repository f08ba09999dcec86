#pragma once
// core:window: every plugin:window|* command of @tauri-apps/api's window module (the window events are
// window_events.hpp's).
//
// Each command acts on the window named by its `label` argument (the caller's own window when
// the label is missing or empty, as in Tauri); an unknown or closed label is refused with
// "window not found". As in Tauri, a page may act on any window by label: the ACL check is on
// the caller's permission, not on the target (docs/bridge.md "Window commands on Linux").
// create and get_all_windows are core:webview's (webview_commands.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"

typedef struct _GtkWindow GtkWindow;

namespace warden::desktop {

void add_window_commands(runtime::CommandTable& commands, DesktopContext& context);

// The window module's commands that do nothing on Linux (they resolve null, as in Tauri on
// Linux) and those that are refused there (Tauri does not register them on Linux): what
// docs/bridge.md lists.
const std::vector<std::string_view>& window_commands_without_effect_on_linux();
const std::vector<std::string_view>& window_commands_refused_on_linux();

// The script every webview gets at document start (Tauri's window plugin init script): a
// left-button press on an element with `data-tauri-drag-region` drags the window
// (plugin:window|start_dragging), a double press toggles maximize (internal_toggle_maximize).
const std::string& drag_region_script();

// What a window's geometry and theme read as, in Tauri's shapes (physical pixels): the answers
// of the getters and the payloads of tauri://resize, move and theme-changed. [main-thread]
namespace window_state {

int scale_of(GtkWindow* window);
boost::json::object inner_position(GtkWindow* window);  // {x, y}: the client area on the screen
boost::json::object outer_position(GtkWindow* window);  // {x, y}: the frame's top-left
boost::json::object inner_size(GtkWindow* window);      // {width, height}: the client area
boost::json::object outer_size(GtkWindow* window);      // {width, height}: with the frame
std::string theme_name();                               // "light" or "dark" (app-wide on GTK)

}  // namespace window_state

// The arguments as @tauri-apps/api sends them (dpi.js, window.js), parsed without a display.
// Each throws std::invalid_argument naming the argument and what was expected.
namespace window_args {

enum class Unit { physical, logical };

struct SizeArg {
  double width = 0;
  double height = 0;
  Unit unit = Unit::physical;
};

struct PositionArg {
  double x = 0;
  double y = 0;
  Unit unit = Unit::physical;
};

// dpi.js Size: {Physical: {width, height}} or {Logical: {width, height}}.
SizeArg size(const boost::json::value& v, std::string_view name);
// dpi.js Position: {Physical: {x, y}} or {Logical: {x, y}}; a bare {x, y} is physical (what
// setFullscreenOnMonitor passes from a PhysicalPosition).
PositionArg position(const boost::json::value& v, std::string_view name);

// GTK works in logical pixels (physical / the window's integer scale factor). The result is
// rounded and clamped to what X11 can hold (a size in 1..32767, a coordinate in -32768..32767).
int logical_length(double value, Unit unit, int scale);
int logical_coordinate(double value, Unit unit, int scale);

// setSizeConstraints: {minWidth, minHeight, maxWidth, maxHeight}, each null or
// {Physical: n} / {Logical: n}, in logical pixels; nullopt where unset.
struct SizeConstraints {
  std::optional<int> min_width, min_height, max_width, max_height;
};
SizeConstraints size_constraints(const boost::json::value& v, int scale);

// CursorIcon ("default", "hand", "nwseResize", ...) → the CSS cursor name GDK loads; nullopt
// for an unknown icon.
std::optional<std::string> css_cursor_name(std::string_view icon);

// ResizeDirection ("East", "NorthWest", ...) → GdkWindowEdge's value; nullopt when unknown.
std::optional<int> resize_edge(std::string_view direction);

// Color: "#rgb", "#rgba", "#rrggbb", "#rrggbbaa" (the '#' optional), [r, g, b], [r, g, b, a]
// or {red, green, blue, alpha}, each channel 0..255.
struct Rgba {
  int red = 0, green = 0, blue = 0, alpha = 255;
};
Rgba color(const boost::json::value& v);

// "light" / "dark" / null (follow the system).
enum class Theme { light, dark };
std::optional<Theme> theme(const boost::json::value& v);

// ProgressBarState: {status?: "none"|"normal"|"indeterminate"|"paused"|"error", progress?: 0..100}.
struct ProgressBar {
  std::optional<std::string> status;
  std::optional<int> progress;
};
ProgressBar progress_bar(const boost::json::value& v);

}  // namespace window_args

}  // namespace warden::desktop
