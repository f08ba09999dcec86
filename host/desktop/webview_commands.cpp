#include "desktop/webview_commands.hpp"

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "desktop/menu/window_menus.hpp"
#include "desktop/window_commands.hpp"
#include "desktop/window_events.hpp"

namespace warden::desktop {
namespace json = boost::json;
using runtime::Invocation;

namespace {

WindowFactory& factory_of(DesktopContext& context) {
  if (!context.factory) throw std::logic_error("this host cannot open windows yet");
  return *context.factory;
}

// A start URL the app's navigation policy refuses is refused here, before anything opens (the
// policy would stop the load anyway, leaving an empty webview behind).
void require_start_allowed(const WindowFactory& factory, const std::string& label, const std::string& url) {
  if (!factory.setup.navigation) return;
  std::string start = webview::webview_start_url(url);
  auto verdict = factory.setup.navigation->decide(label, "", start);
  if (!verdict.allowed)
    throw std::invalid_argument("the start URL " + start + " of '" + label + "' is refused: " + verdict.reason);
}

void require_free(const DesktopContext& context, const std::string& label) {
  if (!webview::valid_label(label))
    throw std::invalid_argument("label '" + label + "' is invalid: expected 1 to 256 of a-z A-Z 0-9 - / : _");
  if (context.windows.label_in_use(label)) throw std::invalid_argument("label '" + label + "' is already in use");
}

webview::AppWebview& place_webview(DesktopContext& context, webview::AppWindow& window,
                                   const webview::WindowConfig& config, std::optional<webview::WebviewBounds> bounds) {
  WindowFactory& factory = factory_of(context);
  auto webview = std::make_unique<webview::AppWebview>(factory.setup, config, window.label(),
                                                       factory.webview_events(config.label));
  webview::AppWebview& placed = context.windows.add_webview(window, std::move(webview), bounds);
  if (placed.drag_drop()) watch_drag_drop(placed.view(), window.label(), placed.label(), context);
  return placed;
}

// ---- Arguments ----

json::object args_of(const Invocation& call) {
  json::value v = json::parse(call.args_json);
  if (!v.is_object()) throw std::invalid_argument("the arguments must be an object");
  return std::move(v.as_object());
}

const json::object& object_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  if (!v || !v->is_object()) throw std::invalid_argument(std::string("argument '") + key + "' must be an object");
  return v->as_object();
}

std::string string_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("argument '") + key + "' must be a string");
  return std::string(v->as_string());
}

// The webview a getter or setter acts on: `label`, or the caller's own when absent or empty
// (as Tauri). A page may name any webview: the ACL decides on the caller, not on the target.
webview::AppWebview& target_webview(DesktopContext& context, const Invocation& call, const json::object& args) {
  std::string label = call.caller.webview;
  if (auto* v = args.if_contains("label"); v && v->is_string() && !v->as_string().empty())
    label = std::string(v->as_string());
  webview::AppWebview* webview = context.windows.find_webview(label);
  if (!webview || !webview->open()) throw std::invalid_argument("webview '" + label + "' not found");
  return *webview;
}

std::string label_option(const json::object& options) {
  auto* v = options.if_contains("label");
  if (!v || !v->is_string()) throw std::invalid_argument("options.label must be a string");
  return std::string(v->as_string());
}

double number_option(const json::object& options, const char* key, double fallback) {
  auto* v = options.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_number()) throw std::invalid_argument(std::string("options.") + key + " must be a number");
  double n = v->to_number<double>();
  if (!std::isfinite(n)) throw std::invalid_argument(std::string("options.") + key + " must be a finite number");
  return n;
}

// Logical pixels, as Tauri's WebviewConfig; held within what X11 can place.
int coordinate_option(const json::object& options, const char* key) {
  return static_cast<int>(std::lround(std::clamp(number_option(options, key, 0), -32768.0, 32767.0)));
}

int length_option(const json::object& options, const char* key) {
  double n = number_option(options, key, -1);
  if (n < 1 || n > 32767) throw std::invalid_argument(std::string("options.") + key + " must be between 1 and 32767");
  return static_cast<int>(std::lround(n));
}

// The window options (Tauri's WindowConfig, camelCase) as new Window / new WebviewWindow send
// them. The label is checked first, so that a label in use is what the refusal says.
webview::WindowConfig window_options(DesktopContext& context, const json::object& args) {
  const json::object& options = object_arg(args, "options");
  require_free(context, label_option(options));
  return webview::parse_window_config(options, "options");
}

// ---- Answers ----

using Action = std::function<json::value(DesktopContext&, Invocation&, const json::object& args)>;

void add(runtime::CommandTable& commands, DesktopContext& context, const std::string& name, Action action) {
  commands.add(name, runtime::Command{[&context, name, action = std::move(action)](Invocation& call) {
                                        try {
                                          json::object args = args_of(call);
                                          call.completion->resolve_json(json::serialize(action(context, call, args)));
                                        } catch (const std::exception& e) {
                                          spdlog::info("{}: refused: {}", name, e.what());
                                          call.completion->reject(e.what());
                                        }
                                      },
                                      false});
}

int scale_of(const webview::AppWebview& webview) {
  return std::max(1, gtk_widget_get_scale_factor(webview.widget()));
}

// ---- Creation ----

json::value create_window(DesktopContext& context, Invocation&, const json::object& args, bool with_webview) {
  open_window(context, window_options(context, args), with_webview);
  return nullptr;
}

// new Webview(window, label, {x, y, width, height, url, ...}): a child webview at a logical
// position and size in the window (Tauri's WebviewConfig).
json::value create_webview(DesktopContext& context, Invocation&, const json::object& args) {
  std::string window_label = string_arg(args, "windowLabel");
  webview::AppWindow* window = context.windows.find(window_label);
  if (!window || !window->open()) throw std::invalid_argument("window '" + window_label + "' not found");
  json::object options = object_arg(args, "options");
  // Older packages sent the label beside the options.
  if (!options.contains("label") && args.contains("label")) options["label"] = string_arg(args, "label");
  require_free(context, label_option(options));
  // The child's place is the webview's, not a window's (no window size limits apply).
  webview::WebviewBounds bounds{coordinate_option(options, "x"), coordinate_option(options, "y"),
                                length_option(options, "width"), length_option(options, "height")};
  for (const char* key : {"x", "y", "width", "height"}) options.erase(key);
  open_child_webview(context, *window, webview::parse_window_config(options, "options"), bounds);
  return nullptr;
}

// ---- Getters and setters ----

// The webview's place in its window, in physical pixels; all zero while it has none.
webview::WebviewBounds physical_bounds(DesktopContext& context, Invocation& call, const json::object& args) {
  webview::AppWebview& webview = target_webview(context, call, args);
  webview::AppWindow* window = context.windows.window_of(webview.label());
  auto bounds = window ? window->bounds_of(webview.label()) : std::nullopt;
  if (!bounds) return {0, 0, 0, 0};
  int scale = scale_of(webview);
  return {bounds->x * scale, bounds->y * scale, bounds->width * scale, bounds->height * scale};
}

json::value webview_position(DesktopContext& context, Invocation& call, const json::object& args) {
  auto b = physical_bounds(context, call, args);
  return json::object{{"x", b.x}, {"y", b.y}};
}

json::value webview_size(DesktopContext& context, Invocation& call, const json::object& args) {
  auto b = physical_bounds(context, call, args);
  return json::object{{"width", b.width}, {"height", b.height}};
}

// Position and size apply to child webviews; a webview window's webview follows its window (as
// wry on GTK: set_bounds does nothing there).
json::value set_bounds(DesktopContext& context, Invocation& call, const json::object& args, bool position) {
  webview::AppWebview& webview = target_webview(context, call, args);
  auto* value = args.if_contains("value");
  if (!value) throw std::invalid_argument("argument 'value' is missing");
  webview::AppWindow* window = context.windows.window_of(webview.label());
  auto bounds = window ? window->bounds_of(webview.label()) : std::nullopt;
  if (!window || !bounds) return nullptr;
  int scale = scale_of(webview);
  namespace wa = window_args;
  if (position) {
    wa::PositionArg p = wa::position(*value, "value");
    bounds->x = wa::logical_coordinate(p.x, p.unit, scale);
    bounds->y = wa::logical_coordinate(p.y, p.unit, scale);
  } else {
    wa::SizeArg s = wa::size(*value, "value");
    bounds->width = wa::logical_length(s.width, s.unit, scale);
    bounds->height = wa::logical_length(s.height, s.unit, scale);
  }
  window->set_bounds(webview.label(), *bounds);
  return nullptr;
}

json::value set_zoom(DesktopContext& context, Invocation& call, const json::object& args) {
  webview::AppWebview& webview = target_webview(context, call, args);
  auto* value = args.if_contains("value");
  double level = value && value->is_number() ? value->to_number<double>() : 0;
  // WebKit's own range of zoom levels.
  if (!std::isfinite(level) || level < 0.01 || level > 100)
    throw std::invalid_argument("argument 'value' must be a zoom factor between 0.01 and 100");
  webkit_web_view_set_zoom_level(webview.view(), level);
  return nullptr;
}

json::value set_background_color(DesktopContext& context, Invocation& call, const json::object& args) {
  webview::AppWebview& webview = target_webview(context, call, args);
  auto* value = args.if_contains("value");
  GdkRGBA rgba{1, 1, 1, 1};  // null: WebKit's default, opaque white
  if (value && !value->is_null()) {
    window_args::Rgba c = window_args::color(*value);
    rgba = GdkRGBA{c.red / 255.0, c.green / 255.0, c.blue / 255.0, c.alpha / 255.0};
  }
  webkit_web_view_set_background_color(webview.view(), &rgba);
  return nullptr;
}

json::value set_auto_resize(DesktopContext& context, Invocation& call, const json::object& args) {
  webview::AppWebview& webview = target_webview(context, call, args);
  auto* value = args.if_contains("value");
  if (!value || !value->is_bool()) throw std::invalid_argument("argument 'value' must be a boolean");
  if (webview::AppWindow* window = context.windows.window_of(webview.label()))
    window->set_auto_resize(webview.label(), value->as_bool());
  return nullptr;
}

// As Tauri without its unstable feature: a webview window's webview stays in its window, and
// nothing moves into a webview window.
json::value reparent(DesktopContext& context, Invocation& call, const json::object& args) {
  webview::AppWebview& webview = target_webview(context, call, args);
  std::string target = string_arg(args, "window");
  webview::AppWindow* source = context.windows.window_of(webview.label());
  webview::AppWindow* destination = context.windows.find(target);
  if (!destination || !destination->open()) throw std::invalid_argument("window '" + target + "' not found");
  if ((source && source->filling_webview() == &webview) || destination->filling_webview())
    throw std::invalid_argument("a webview window's webview cannot be reparented, nor a webview moved into one");
  context.windows.reparent(webview.label(), target);
  context.events.webview_moved(webview.label(), target);
  return nullptr;
}

void clear_browsing_data(DesktopContext& context, Invocation& call) {
  if (!context.factory) return void(call.completion->reject("this host cannot reach its web context yet"));
  WebKitWebsiteDataManager* data = webkit_web_context_get_website_data_manager(context.factory->setup.context);
  auto* completion = new std::shared_ptr<runtime::Completion>(call.completion);
  webkit_website_data_manager_clear(
      data, WEBKIT_WEBSITE_DATA_ALL, 0, nullptr,
      +[](GObject* manager, GAsyncResult* result, gpointer data) {
        std::unique_ptr<std::shared_ptr<runtime::Completion>> done(static_cast<std::shared_ptr<runtime::Completion>*>(data));
        GError* error = nullptr;
        if (webkit_website_data_manager_clear_finish(WEBKIT_WEBSITE_DATA_MANAGER(manager), result, &error)) {
          (*done)->resolve_json("null");
          return;
        }
        std::string message = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        (*done)->reject("clearing the browsing data failed: " + message);
      },
      completion);
}

void add_getters_and_setters(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "plugin:webview|get_all_webviews", [](DesktopContext& c, Invocation&, const json::object&) -> json::value {
    json::array out;
    c.windows.for_each_webview([&](const webview::AppWindow& w, const webview::AppWebview& v) {
      if (w.open() && v.open()) out.push_back(json::object{{"windowLabel", w.label()}, {"label", v.label()}});
    });
    return out;
  });
  add(t, cx, "plugin:window|get_all_windows", [](DesktopContext& c, Invocation&, const json::object&) -> json::value {
    json::array out;
    c.windows.for_each([&](const webview::AppWindow& w) {
      if (w.open()) out.push_back(json::string(w.label()));
    });
    return out;
  });
  add(t, cx, "plugin:webview|webview_position", webview_position);
  add(t, cx, "plugin:webview|webview_size", webview_size);
  add(t, cx, "plugin:webview|set_webview_position",
      [](DesktopContext& c, Invocation& call, const json::object& a) { return set_bounds(c, call, a, true); });
  add(t, cx, "plugin:webview|set_webview_size",
      [](DesktopContext& c, Invocation& call, const json::object& a) { return set_bounds(c, call, a, false); });
  add(t, cx, "plugin:webview|webview_close", [](DesktopContext& c, Invocation& call, const json::object& a) -> json::value {
    target_webview(c, call, a).close();
    return nullptr;
  });
  add(t, cx, "plugin:webview|webview_hide", [](DesktopContext& c, Invocation& call, const json::object& a) -> json::value {
    gtk_widget_hide(target_webview(c, call, a).widget());
    return nullptr;
  });
  add(t, cx, "plugin:webview|webview_show", [](DesktopContext& c, Invocation& call, const json::object& a) -> json::value {
    gtk_widget_show(target_webview(c, call, a).widget());
    return nullptr;
  });
  add(t, cx, "plugin:webview|set_webview_focus", [](DesktopContext& c, Invocation& call, const json::object& a) -> json::value {
    gtk_widget_grab_focus(target_webview(c, call, a).widget());
    return nullptr;
  });
  add(t, cx, "plugin:webview|set_webview_zoom", set_zoom);
  add(t, cx, "plugin:webview|set_webview_background_color", set_background_color);
  add(t, cx, "plugin:webview|set_webview_auto_resize", set_auto_resize);
  add(t, cx, "plugin:webview|reparent", reparent);
  t.add("plugin:webview|clear_all_browsing_data",
        runtime::Command{[&cx](Invocation& call) { clear_browsing_data(cx, call); }, false});
}

}  // namespace

webview::AppWindow& open_window(DesktopContext& context, const webview::WindowConfig& config, bool with_webview) {
  WindowFactory& factory = factory_of(context);
  require_free(context, config.label);
  if (with_webview) require_start_allowed(factory, config.label, config.url);
  GtkWidget* parent = nullptr;
  if (config.parent) {
    webview::AppWindow* p = context.windows.find(*config.parent);
    if (!p || !p->open()) throw std::invalid_argument("parent window '" + *config.parent + "' not found");
    parent = p->gtk_window();
  }
  webview::AppWindow& window =
      context.windows.add(std::make_unique<webview::AppWindow>(config, factory.window_events(config.label), parent));
  // The app's icon on every window, as Tauri does with its default window icon.
  if (context.app_icon) gtk_window_set_icon_from_file(GTK_WINDOW(window.gtk_window()), context.app_icon->c_str(), nullptr);
  watch_window_events(window, context);
  menu::give_app_menu(context, window);  // the app menu (Menu.setAsAppMenu) reaches windows opened later too
  if (with_webview) place_webview(context, window, config, std::nullopt);
  if (context.window_created) context.window_created(window);  // plugins may restore its state first
  window.show();
  return window;
}

webview::AppWebview& open_child_webview(DesktopContext& context, webview::AppWindow& window,
                                        const webview::WindowConfig& config, const webview::WebviewBounds& bounds) {
  WindowFactory& factory = factory_of(context);
  if (!window.open()) throw std::invalid_argument("window '" + window.label() + "' is closed");
  require_free(context, config.label);
  require_start_allowed(factory, config.label, config.url);
  return place_webview(context, window, config, bounds);
}

void add_webview_commands(runtime::CommandTable& commands, DesktopContext& context) {
  add(commands, context, "plugin:window|create",
      [](DesktopContext& c, Invocation& call, const json::object& a) { return create_window(c, call, a, false); });
  add(commands, context, "plugin:webview|create_webview_window",
      [](DesktopContext& c, Invocation& call, const json::object& a) { return create_window(c, call, a, true); });
  add(commands, context, "plugin:webview|create_webview", create_webview);
  add_getters_and_setters(commands, context);
}

}  // namespace warden::desktop
