#include "desktop/app_commands.hpp"

#include <boost/json.hpp>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include "desktop/image_resource.hpp"

// plugin:app|name, version, identifier and tauri_version are constants of the run: they stay
// with the core plugins (runtime/core_plugins.cpp). Here: the rest of @tauri-apps/api's app module.
// What each does on Linux, and why: docs/bridge.md "App and image commands on Linux".
namespace warden::desktop {
namespace json = boost::json;

namespace {

void add(runtime::CommandTable& commands, const char* name, runtime::CommandFn fn) {
  commands.add(name, runtime::Command{std::move(fn), false});
}

// A command that Tauri answers on Linux without doing anything (a macOS or iOS effect).
void add_linux_no_op(runtime::CommandTable& commands, const char* name, const char* answer = "null") {
  std::string text = answer;
  add(commands, name, [text](runtime::Invocation& call) { call.completion->resolve_json(text); });
}

std::optional<json::object> args_of(runtime::Invocation& call) {
  boost::system::error_code ec;
  json::value v = json::parse(call.args_json, ec);
  if (ec || !v.is_object()) {
    call.completion->reject("the arguments must be a JSON object");
    return std::nullopt;
  }
  return std::move(v.as_object());
}

// app|set_app_theme {theme: "light" | "dark" | null}. GTK has one theme per process, so the app's
// theme is GTK's prefer-dark setting; null gives the desktop's own setting back.
void set_app_theme(runtime::Invocation& call) {
  auto args = args_of(call);
  if (!args) return;
  auto* theme = args->if_contains("theme");
  bool follow_system = !theme || theme->is_null();
  if (!follow_system && !(theme->is_string() && (theme->as_string() == "light" || theme->as_string() == "dark")))
    return void(call.completion->reject("argument 'theme' must be \"light\", \"dark\" or null"));
  GtkSettings* settings = gtk_settings_get_default();
  if (!settings) return void(call.completion->reject("no display: the theme cannot be set"));
  if (follow_system)
    gtk_settings_reset_property(settings, "gtk-application-prefer-dark-theme");
  else
    g_object_set(settings, "gtk-application-prefer-dark-theme", theme->as_string() == "dark" ? TRUE : FALSE, nullptr);
  call.completion->resolve_json("null");
}

// app|default_window_icon: the app's icon as an Image of the calling page, or null when the app
// names none (Tauri always has one: its build fails without an icon).
void default_window_icon(runtime::Invocation& call, DesktopContext& context) {
  if (!context.app_icon) return void(call.completion->resolve_json("null"));
  GError* gerror = nullptr;
  GdkPixbuf* loaded = gdk_pixbuf_new_from_file(context.app_icon->c_str(), &gerror);
  if (!loaded) {
    std::string message = gerror ? gerror->message : "unknown error";
    g_clear_error(&gerror);
    spdlog::error("app icon '{}' cannot be read: {}", context.app_icon->string(), message);
    return void(call.completion->reject("the app's icon cannot be read"));
  }
  GdkPixbuf* icon = gdk_pixbuf_get_has_alpha(loaded) ? GDK_PIXBUF(g_object_ref(loaded))
                                                     : gdk_pixbuf_add_alpha(loaded, FALSE, 0, 0, 0);
  g_object_unref(loaded);
  uint32_t rid = add_image(context, call.caller, icon);
  g_object_unref(icon);
  if (rid == 0) return void(call.completion->reject("the page that asked for the icon is gone"));
  call.completion->resolve_json(std::to_string(rid));
}

// app|exit {code}: answers first, then ends the run with `code` (Tauri: AppHandle::exit).
void exit_app(runtime::Invocation& call, DesktopContext& context) {
  auto args = args_of(call);
  if (!args) return;
  int code = 0;
  if (auto* c = args->if_contains("code"); c && !c->is_null()) {
    double d = c->is_number() ? c->to_number<double>() : 0.5;
    if (d != static_cast<int32_t>(d)) return void(call.completion->reject("argument 'code' must be a whole number"));
    code = static_cast<int32_t>(d);
  }
  if (!context.exit_app) return void(call.completion->reject("this host cannot end the app from a page"));
  spdlog::info("app|exit {} from window '{}' ({})", code, call.caller.window, call.caller.origin);
  call.completion->resolve_json("null");
  context.exit_app(code);
}

}  // namespace

void add_app_commands(runtime::CommandTable& commands, DesktopContext& context) {
  // macOS's "hide/show the application" (NSApplication): Tauri does nothing on Linux, and a
  // Linux app written for Tauri expects its windows to stay as they are.
  add_linux_no_op(commands, "plugin:app|app_show");
  add_linux_no_op(commands, "plugin:app|app_hide");
  // WKWebsiteDataStore identifiers (macOS, iOS): Tauri answers none on Linux, and removing one is a no-op.
  add_linux_no_op(commands, "plugin:app|fetch_data_store_identifiers", "[]");
  add_linux_no_op(commands, "plugin:app|remove_data_store");
  add_linux_no_op(commands, "plugin:app|set_dock_visibility");
  // How the Tauri bundler packaged the app (deb, rpm, appimage): `warden run` runs an app folder
  // that no bundler marked, as Tauri reports an unbundled binary.
  add_linux_no_op(commands, "plugin:app|bundle_type");
  add_linux_no_op(commands, "plugin:app|supports_multiple_windows", "true");
  // onBackButtonPress (core.js addPluginListener): Android's back button. Tauri takes the listener
  // on desktop and never calls it.
  add_linux_no_op(commands, "plugin:app|register_listener");
  add_linux_no_op(commands, "plugin:app|remove_listener");
  add(commands, "plugin:app|set_app_theme", [](runtime::Invocation& call) { set_app_theme(call); });
  add(commands, "plugin:app|default_window_icon",
      [&context](runtime::Invocation& call) { default_window_icon(call, context); });
  add(commands, "plugin:app|exit", [&context](runtime::Invocation& call) { exit_app(call, context); });
}

}  // namespace warden::desktop
