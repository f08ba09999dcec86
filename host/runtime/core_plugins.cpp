#include "runtime/core_plugins.hpp"

#include <filesystem>

#include <boost/json.hpp>

#include "log/log.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/path_syntax.hpp"

namespace warden::runtime {
namespace json = boost::json;

namespace {

json::object args_of(const Invocation& call) { return json::parse(call.args_json).as_object(); }

std::string string_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("missing string argument '") + key + "'");
  return std::string(v->as_string());
}

uint32_t u32_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  if (!v) throw std::invalid_argument(std::string("missing number argument '") + key + "'");
  auto n = v->to_number<uint64_t>();
  if (n > UINT32_MAX) throw std::invalid_argument(std::string("argument '") + key + "' is too large");
  return static_cast<uint32_t>(n);
}

// {kind: "Any"} → every listener; {kind: "AnyLabel"|"Window"|"Webview"|..., label} → that label.
// For listen the same object is the listener's filter (runtime/event_bus.hpp says what reaches it).
std::optional<std::string> target_of(const json::object& args) {
  auto* t = args.if_contains("target");
  if (!t || t->is_null()) return std::nullopt;
  if (t->is_string()) return std::string(t->as_string());
  if (!t->is_object()) throw std::invalid_argument("invalid event target");
  auto& o = t->as_object();
  auto* kind = o.if_contains("kind");
  // "App" (the app's own Rust listeners in Tauri) names no webview: as Any here.
  if (kind && kind->is_string() && (kind->as_string() == "Any" || kind->as_string() == "App")) return std::nullopt;
  auto* label = o.if_contains("label");
  if (!label || !label->is_string()) throw std::invalid_argument("event target has no label");
  return std::string(label->as_string());
}

std::string payload_of(const json::object& args) {
  auto* p = args.if_contains("payload");
  return p ? json::serialize(*p) : "null";
}

// A page may not emit the host's names nor a loaded plugin's (runtime/reserved_event_names.hpp):
// their listeners trust them. Refuses the call (the owner in the log, and in debug builds in the
// page's error) and returns true when `event` is reserved.
bool refuse_reserved_name(Invocation& call, const EventBus& events, const char* command, const std::string& event) {
  auto owner = events.reserved_names().owner_of(event);
  if (!owner) return false;
  std::string detail = "event name '" + event + "' is reserved for " + *owner + "; a page may not emit it";
  log::denial({command, call.caller.window, call.caller.webview, call.caller.origin, 403, detail});
  call.completion->reject(webview_error("event name is reserved", detail));
  return true;
}

void add(CommandTable& t, const char* name, CommandFn fn) { t.add(name, Command{std::move(fn), false}); }

std::vector<std::string> strings_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  if (!v || !v->is_array()) throw std::invalid_argument(std::string("missing string array argument '") + key + "'");
  std::vector<std::string> out;
  for (auto& e : v->as_array()) {
    if (!e.is_string()) throw std::invalid_argument(std::string("argument '") + key + "' must hold strings");
    out.emplace_back(e.as_string());
  }
  return out;
}

void resolve_string(Invocation& call, const std::string& s) {
  call.completion->resolve_json(json::serialize(json::value(json::string(s))));
}

// core:path's resolve_directory: @tauri-apps/api's BaseDirectory numbers, resolved like the
// path variables of scopes ($APPDATA = $DATA/<identifier>, ...), `path` joined and normalised.
void add_resolve_directory(CommandTable& commands, std::function<std::optional<std::string>(const std::string&)> base_of) {
  static constexpr const char* kBaseDirectories[] = {
      nullptr,     "AUDIO",    "CACHE",     "CONFIG",       "DATA",     "LOCALDATA", "DOCUMENT", "DOWNLOAD",
      "PICTURE",   "PUBLIC",   "VIDEO",     "RESOURCE",     "TEMP",     "APPCONFIG", "APPDATA",  "APPLOCALDATA",
      "APPCACHE",  "APPLOG",   "DESKTOP",   "EXE",          "FONT",     "HOME",      "RUNTIME",  "TEMPLATE"};
  add(commands, "plugin:path|resolve_directory", [base_of = std::move(base_of)](Invocation& call) {
    auto args = args_of(call);
    auto* dir = args.if_contains("directory");
    if (!dir || !dir->is_number()) return void(call.completion->reject("missing 'directory'"));
    auto n = dir->to_number<int64_t>();
    if (n < 1 || n >= static_cast<int64_t>(std::size(kBaseDirectories)))
      return void(call.completion->reject("unknown base directory"));
    auto base = base_of ? base_of(kBaseDirectories[n]) : std::nullopt;
    if (!base) return void(call.completion->reject("unknown path"));
    std::filesystem::path result = *base;
    if (auto* p = args.if_contains("path"); p && p->is_string() && !p->as_string().empty())
      result = (result / std::string(p->as_string())).lexically_normal();
    resolve_string(call, result.string());
  });
}

// core:path's string functions.
void add_path_syntax(CommandTable& commands) {
  namespace ps = path_syntax;
  add(commands, "plugin:path|join", [](Invocation& call) { resolve_string(call, ps::join(strings_arg(args_of(call), "paths"))); });
  add(commands, "plugin:path|normalize", [](Invocation& call) { resolve_string(call, ps::normalize(string_arg(args_of(call), "path"))); });
  add(commands, "plugin:path|resolve", [](Invocation& call) {
    resolve_string(call, ps::resolve(std::filesystem::current_path().string(), strings_arg(args_of(call), "paths")));
  });
  add(commands, "plugin:path|dirname", [](Invocation& call) {
    auto p = ps::dirname(string_arg(args_of(call), "path"));
    if (!p) return void(call.completion->reject("path has no parent"));
    resolve_string(call, *p);
  });
  add(commands, "plugin:path|extname", [](Invocation& call) {
    auto e = ps::extname(string_arg(args_of(call), "path"));
    if (!e) return void(call.completion->reject("path has no extension"));
    resolve_string(call, *e);
  });
  add(commands, "plugin:path|basename", [](Invocation& call) {
    auto args = args_of(call);
    std::optional<std::string> ext;
    if (auto* e = args.if_contains("ext"); e && e->is_string()) ext = std::string(e->as_string());
    auto b = ps::basename(string_arg(args, "path"), ext);
    if (!b) return void(call.completion->reject("path has no basename"));
    resolve_string(call, *b);
  });
  add(commands, "plugin:path|is_absolute", [](Invocation& call) {
    call.completion->resolve_json(ps::is_absolute(string_arg(args_of(call), "path")) ? "true" : "false");
  });
}

}  // namespace

void add_core_plugins(CommandTable& commands, EventBus& events, const AppInfo& app, CoreHooks hooks) {
  add(commands, "plugin:event|listen", [&events](Invocation& call) {
    auto args = args_of(call);
    auto event = string_arg(args, "event");
    if (!EventBus::valid_event_name(event)) return void(call.completion->reject("invalid event name"));
    auto id = events.listen(call.caller.window, call.caller.webview, call.caller.page, event, u32_arg(args, "handler"),
                            target_of(args));
    call.completion->resolve_json(std::to_string(id));
  });
  add(commands, "plugin:event|unlisten", [&events](Invocation& call) {
    auto args = args_of(call);
    events.unlisten(call.caller.webview, string_arg(args, "event"), u32_arg(args, "eventId"));
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:event|emit", [&events](Invocation& call) {
    auto args = args_of(call);
    auto event = string_arg(args, "event");
    if (refuse_reserved_name(call, events, "plugin:event|emit", event)) return;
    if (!events.emit(event, payload_of(args)))
      return void(call.completion->reject("invalid event name"));
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:event|emit_to", [&events](Invocation& call) {
    auto args = args_of(call);
    auto event = string_arg(args, "event");
    if (refuse_reserved_name(call, events, "plugin:event|emit_to", event)) return;
    if (!events.emit(event, payload_of(args), target_of(args)))
      return void(call.completion->reject("invalid event name"));
    call.completion->resolve_json("null");
  });
  auto constant = [&commands](const char* name, const std::string& value) {
    std::string text = json::serialize(json::value(json::string(value)));
    add(commands, name, [text](Invocation& call) { call.completion->resolve_json(text); });
  };
  constant("plugin:app|name", app.name);
  constant("plugin:app|version", app.version);
  constant("plugin:app|identifier", app.identifier);
  constant("plugin:app|tauri_version", "2.0.0");
  add_path_syntax(commands);
  add_resolve_directory(commands, std::move(hooks.base_directory));
  // A page closes its own resources only (open files, stores, watchers of plugins): its own
  // frame's origin's, in its own page.
  add(commands, "plugin:resources|close", [close_resource = std::move(hooks.close_resource)](Invocation& call) {
    auto args = args_of(call);
    uint32_t rid = u32_arg(args, "rid");
    if (!close_resource || !close_resource(call.caller, rid))
      return void(call.completion->reject("resource id " + std::to_string(rid) + " not found"));
    call.completion->resolve_json("null");
  });
}

}  // namespace warden::runtime
