// The notification plugin: the commands @tauri-apps/plugin-notification 2.x invokes
// (docs/plugins/notification.md). Notifications go to the freedesktop notification server on the
// session bus; the package's sendNotification and requestPermission reach notify and
// request_permission through the window.Notification this plugin's init script defines.
// "Granted" means: the calling page's capability lets it run notify (no question to the user:
// the app's author granted it, as Tauri's desktop plugin, which answers granted to everyone).
#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <warden/app_identity.hpp>
#include <warden/path_scope.hpp>
#include <warden/plugin.hpp>

#include "action_routes.hpp"
#include "init_script.hpp"
#include "notification_content.hpp"
#include "notification_server.hpp"
#include "send_rate_limit.hpp"

namespace np = warden::notification_plugin;
namespace json = boost::json;

namespace {

struct PluginState {
  warden::Host host;
  std::string app_name;  // productName, also the title of a notification without one
  std::string app_folder;
  np::ActionRoutes routes;
  np::SendRateLimit rate;
  // Last: its bus thread calls into `routes`, so it stops first.
  std::unique_ptr<np::NotificationServer> server;
};

std::unique_ptr<PluginState>& state_slot() {
  static std::unique_ptr<PluginState> s;
  return s;
}

PluginState& state() {
  auto& s = state_slot();
  if (!s) throw std::runtime_error("the notification plugin is not initialised");
  return *s;
}

np::PageKey page_of(const warden::Context& ctx) { return {std::string(ctx.webview()), std::string(ctx.origin())}; }

// Whether the caller's capability lets it run notify: what "granted" means here.
bool may_notify(const warden::Context& ctx) {
  try {
    return ctx.command_scopes("notify").has_value();
  } catch (const warden::MissingExtension&) {
    return false;  // the host cannot tell: deny
  }
}

bool inside(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

bool is_icon_name(const std::string& icon) {
  return icon.front() != '.' && std::all_of(icon.begin(), icon.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                  c == '_' || c == '.' || c == '+';
         });
}

// The icon the server may show: a theme icon name as given, or a file inside the app folder or the
// notify command's scope, as its canonical path. The server reads the file, so anything else
// would let a page make it read (and show) any file of the user's.
std::string judged_icon(const std::string& icon, const warden::Context& ctx) {
  if (is_icon_name(icon)) return icon;
  std::string path = icon;
  if (path.rfind("file://", 0) == 0) path = path.substr(7);
  const std::string refused = "notification icon '" + icon + "' is outside the app folder and the scope of notify";
  if (path.empty() || path.find('%') != std::string::npos || path.find('\0') != std::string::npos)
    throw warden::ScopeRefused(refused + " (not a plain path)");
  const PluginState& s = state();
  if (path.front() != '/') {
    if (s.app_folder.empty()) throw warden::ScopeRefused(refused + " (a relative path and no app folder)");
    path = s.app_folder + "/" + path;
  }
  warden::PathScope scope(ctx);
  auto canonical = scope.canonical(path);
  auto app = s.app_folder.empty() ? std::nullopt : scope.canonical(s.app_folder);
  if (canonical && app && inside(*canonical, *app)) return *canonical;
  return scope.check(path);  // the notify command's own scope; throws ScopeRefused
}

json::value notify(json::object args, warden::Context& ctx) {
  PluginState& s = state();
  const json::value* options = args.if_contains("options");
  if (!options) throw std::invalid_argument("notify needs {options: {title, body?, icon?}}");
  np::NotificationContent content = np::content_from_options(*options, s.app_name);
  np::OutgoingNotification out;
  out.app_name = s.app_name;
  out.summary = content.title;
  out.silent = content.silent;
  if (content.icon) out.app_icon = judged_icon(*content.icon, ctx);
  std::vector<np::ActionDefinition> actions;
  if (content.action_type_id) {
    auto registered = s.routes.actions_of(page_of(ctx), *content.action_type_id);
    if (!registered)
      throw std::invalid_argument("this page registered no action type '" + *content.action_type_id +
                                  "' (registerActionTypes)");
    actions = std::move(*registered);
  }
  if (!s.rate.take(std::string(ctx.window())))
    throw std::runtime_error("too many notifications: a window may show " +
                             std::to_string(static_cast<int>(np::burst_per_window)) + " at once, then " +
                             std::to_string(static_cast<int>(np::per_second_per_window)) +
                             " per second; this one was not shown");
  std::vector<std::string> caps;
  try {
    caps = s.server->capabilities();
  } catch (const std::runtime_error& e) {
    ctx.host().warn(std::string("notification: ") + e.what());
    throw std::runtime_error("no notification server answers on the session bus (org.freedesktop.Notifications)");
  }
  auto has = [&](const char* cap) { return std::find(caps.begin(), caps.end(), cap) != caps.end(); };
  out.body = has("body-markup") ? np::escape_markup(content.body) : content.body;
  if (has("actions"))
    for (const np::ActionDefinition& a : actions) out.actions.push_back({a.id, a.title});
  std::uint32_t id = 0;
  try {
    id = s.server->notify(out);
  } catch (const std::runtime_error& e) {
    ctx.host().warn(std::string("notification: ") + e.what());
    throw std::runtime_error("the notification server did not take the notification");
  }
  json::object sent{{"id", id}, {"title", content.title}, {"body", content.body}};
  if (content.action_type_id) sent["actionTypeId"] = *content.action_type_id;
  s.routes.remember(id, page_of(ctx), std::move(sent));
  return nullptr;
}

json::value register_listener(json::object args, warden::Context& ctx) {
  const json::value* event = args.if_contains("event");
  const json::value* handler = args.if_contains("handler");
  if (!event || !event->is_string() || !handler || !handler->is_string())
    throw std::invalid_argument("register_listener needs {event, handler: a Channel}");
  std::string name(event->get_string());
  if (name != "actionPerformed")
    throw std::invalid_argument("no notification event '" + name +
                                "' on this platform (only 'actionPerformed'; 'notification' is Android and iOS only)");
  std::string reference(handler->get_string());
  constexpr std::string_view prefix = "__CHANNEL__:";
  if (reference.rfind(prefix, 0) != 0) throw std::invalid_argument("handler must be a Channel");
  std::uint64_t channel_id = 0;
  try {
    channel_id = std::stoull(reference.substr(prefix.size()));
  } catch (const std::exception&) {
    throw std::invalid_argument("handler must be a Channel");
  }
  state().routes.add_listener(page_of(ctx), std::move(name), channel_id, ctx.open_channel(reference));
  return nullptr;
}

json::value remove_listener(json::object args, warden::Context& ctx) {
  const json::value* event = args.if_contains("event");
  const json::value* channel = args.if_contains("channelId");
  if (!event || !event->is_string() || !channel || !channel->is_number())
    throw std::invalid_argument("remove_listener needs {event, channelId}");
  auto id = channel->to_number<std::uint64_t>();
  if (!state().routes.remove_listener(page_of(ctx), std::string(event->get_string()), id))
    throw std::invalid_argument("this page has no such notification listener");
  return nullptr;
}

// Commands of Tauri's mobile plugin: its desktop plugin has none of them, so a call fails there;
// here it fails saying why.
void mobile_only(warden::Plugin& plugin, const char* name) {
  plugin.command(name, [command = std::string(name)]() -> json::value {
    throw std::runtime_error("plugin:notification|" + command + " is only available on Android and iOS");
  });
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    if (config.is_object() && !config.get_object().empty())
      throw std::invalid_argument("plugins.notification takes no options");
    auto s = std::make_unique<PluginState>();
    s->host = host;
    if (auto app = warden::find_app_identity(host)) {
      s->app_name = app->product_name;
      s->app_folder = host.resolve_path("$RESOURCE").value_or("");
    } else {
      // Outside a run (warden plugin call) there is no app: notifications then need a title.
      host.warn("notification: no app name: the host names no running app (warden.app-lifecycle/1 app_identity)");
    }
    PluginState* raw = s.get();
    s->server = std::make_unique<np::NotificationServer>(
        [raw](std::uint32_t id, const std::string& key) { raw->routes.action_invoked(id, key); },
        [raw](std::uint32_t id, std::uint32_t) { raw->routes.closed(id); });
    state_slot() = std::move(s);
  });
  plugin.on_shutdown([] { state_slot().reset(); });
  plugin.init_script([] { return np::notification_init_script(); });

  plugin.command("notify", [](json::object a, warden::Context& ctx) { return notify(std::move(a), ctx); },
                 WARDEN_COMMAND_BLOCKING);
  plugin.command("is_permission_granted", [](warden::Context& ctx) { return may_notify(ctx); });
  plugin.command("permission_state", [](warden::Context& ctx) {
    return std::string(may_notify(ctx) ? "granted" : "denied");
  });
  plugin.command("request_permission", [](warden::Context& ctx) {
    return std::string(may_notify(ctx) ? "granted" : "denied");
  });
  plugin.command("register_action_types", [](json::object a, warden::Context& ctx) -> json::value {
    const json::value* types = a.if_contains("types");
    if (!types) throw std::invalid_argument("register_action_types needs {types: ActionType[]}");
    state().routes.set_action_types(page_of(ctx), np::action_types_from(*types));
    return nullptr;
  });
  plugin.command("register_listener",
                 [](json::object a, warden::Context& ctx) { return register_listener(std::move(a), ctx); });
  plugin.command("remove_listener",
                 [](json::object a, warden::Context& ctx) { return remove_listener(std::move(a), ctx); });
  for (const char* name : {"cancel", "get_pending", "remove_active", "get_active", "check_permissions", "show",
                           "batch", "list_channels", "delete_channel", "create_channel"})
    mobile_only(plugin, name);
}
