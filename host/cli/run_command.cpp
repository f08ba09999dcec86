// `warden run <app-dir>`: opens the app's windows in WebKitGTK, serves its frontend on
// app://localhost/, and lets its JavaScript call app, core and plugin commands through the
// authority. The sample host's own app commands (greet, echo, sleep, stream, broadcast) only for an
// app that asks for them (app.ipc.sampleCommands: the examples and tests).
#include <malloc.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include "acl/app_config.hpp"
#include "ipc/invoke_key.hpp"
#include "acl/authority.hpp"
#include "acl/resolver.hpp"
#include "cli/app_acl_inputs.hpp"
#include "cli/command.hpp"
#include "cli/text_file.hpp"
#include "log/log.hpp"
#include "plugin/call_environment.hpp"
#include "plugin/path_scope.hpp"
#include "plugin/path_variables.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_pin.hpp"
#include "runtime/channel.hpp"
#include "runtime/command_table.hpp"
#include "runtime/core_plugins.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"
#include "runtime/blocking_pool.hpp"
#include "runtime/ipc_limits.hpp"
#include "webview/app_scheme.hpp"
#include "webview/asset_protocol_config.hpp"
#include "webview/asset_scheme.hpp"
#include "webview/navigation_policy.hpp"
#include "webview/bare_echo_scheme.hpp"
#include "webview/frontend_config.hpp"
#include "webview/ipc_scheme.hpp"
#include "webview/isolation_scheme.hpp"
#include "webview/web_context.hpp"
#include "webview/window_set.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

struct RunOptions {
  std::string app_dir;
  std::vector<std::string> plugin_dirs;
  std::string screenshot;
  bool exit_after_load = false;
  std::string exit_on_title;
  double timeout_s = 0;
  bool bare_echo_scheme = false;
  bool dev = false;
};

// The app config's `plugins` object (each plugin's init gets its plugins.<name> without the
// host's keys, plugin/host_config_keys.hpp), {} when absent.
// The file was validated by parse_frontend_config and the ACL loader already.
json::object plugin_configs(const std::string& config_text) {
  json::parse_options opts;
  opts.allow_comments = true;
  opts.allow_trailing_commas = true;
  json::value root = json::parse(config_text, {}, opts);
  if (auto* plugins = root.is_object() ? root.as_object().if_contains("plugins") : nullptr; plugins && plugins->is_object())
    return plugins->as_object();
  return {};
}

// {"allow": [...], "deny": [...]} merging `scopes`, or null when there are none.
json::value merged_scopes(const auto& scopes) {
  if (scopes.empty()) return nullptr;
  json::array allow, deny;
  for (const acl::Scopes* s : scopes) {
    for (auto& v : s->allow) allow.push_back(v);
    for (auto& v : s->deny) deny.push_back(v);
  }
  return json::object{{"allow", std::move(allow)}, {"deny", std::move(deny)}};
}

// The scopes document a plugin call gets: {"command": {...}|null, "global": {...}|null}.
std::string scopes_document(const acl::Decision& d) {
  // Most calls carry no scope: skip building a document for them (this runs on every call).
  if (d.command_scopes.empty() && d.global_scopes.empty()) return R"({"command":null,"global":null})";
  return json::serialize(json::object{{"command", merged_scopes(d.command_scopes)}, {"global", merged_scopes(d.global_scopes)}});
}

acl::Origin origin_of(const runtime::Caller& caller) {
  return caller.origin == "app://localhost" ? acl::Origin::local() : acl::Origin::remote(caller.url);
}

runtime::AccessCheck access_check(std::shared_ptr<acl::Authority> authority, const webview::WindowSet& windows) {
  return [authority, &windows](std::string_view command, const runtime::Caller& caller) {
    // A call its page made before the webview moved on (another document, or its web process
    // died) does not start: the page is gone.
    if (caller.page != windows.page_of(caller.webview))
      return runtime::AccessDecision{false, {}, "the page that made the call is gone"};
    acl::Decision d = authority->check(command, caller.window, caller.webview, origin_of(caller));
    runtime::AccessDecision out;
    out.allowed = d.allowed();
    if (out.allowed) {
      out.scopes_json = scopes_document(d);
    } else {
      out.reason = d.reason();
    }
    return out;
  };
}

// The sample host's own commands (bare names, governed by the app's permissions/).
void add_sample_commands(runtime::CommandTable& commands, runtime::EventBus& events,
                         runtime::MainThreadQueue& main_thread, const runtime::CallbackDelivery& deliver) {
  auto args_of = [](const runtime::Invocation& call) { return json::parse(call.args_json).as_object(); };
  commands.add("greet", {[args_of](runtime::Invocation& call) {
                           auto args = args_of(call);
                           auto* name = args.if_contains("name");
                           if (!name || !name->is_string() || name->as_string().empty())
                             return void(call.completion->reject("greet needs a non-empty 'name'"));
                           std::string text = "Hello, " + std::string(name->as_string()) + "! Greetings from C++.";
                           call.completion->resolve_json(json::serialize(json::value(json::string(text))));
                         },
                         false});
  // Echo: bytes back as bytes, JSON arguments back as the same object.
  commands.add("echo", {[](runtime::Invocation& call) {
                          if (call.binary)
                            call.completion->resolve_bytes(std::move(call.body));
                          else
                            call.completion->resolve_json(call.args_json);
                        },
                        false});
  // Blocks a pool thread for `ms` milliseconds (at most 10 s), then returns ms.
  commands.add("sleep", {[args_of](runtime::Invocation& call) {
                           auto args = args_of(call);
                           auto* ms = args.if_contains("ms");
                           int64_t n = ms && ms->is_number() ? ms->to_number<int64_t>() : 0;
                           if (n < 0 || n > 10000) return void(call.completion->reject("ms must be 0..10000"));
                           std::this_thread::sleep_for(std::chrono::milliseconds(n));
                           call.completion->resolve_json(std::to_string(n));
                         },
                         true});
  // Streams `count` messages {"i": n} through the channel `onEvent`, then ends it.
  commands.add("stream", {[args_of, &main_thread, &deliver](runtime::Invocation& call) {
                            auto args = args_of(call);
                            auto* ch = args.if_contains("onEvent");
                            auto id = ch && ch->is_string() ? runtime::Channel::parse_reference(ch->as_string())
                                                            : std::nullopt;
                            if (!id) return void(call.completion->reject("stream needs a Channel 'onEvent'"));
                            auto* count = args.if_contains("count");
                            int64_t n = count && count->is_number() ? count->to_number<int64_t>() : 0;
                            if (n < 0 || n > 100000) return void(call.completion->reject("count must be 0..100000"));
                            runtime::Channel channel(*id, call.caller.webview, call.caller.page, main_thread,
                                                     deliver);
                            for (int64_t i = 0; i < n; ++i) channel.send("{\"i\":" + std::to_string(i) + "}");
                            channel.close();
                            call.completion->resolve_json(std::to_string(n));
                          },
                          true});
  // The host emits `event` with `payload` to every webview (or to `target`).
  commands.add("broadcast", {[args_of, &events](runtime::Invocation& call) {
                               auto args = args_of(call);
                               auto* event = args.if_contains("event");
                               auto* payload = args.if_contains("payload");
                               auto* target = args.if_contains("target");
                               if (!event || !event->is_string())
                                 return void(call.completion->reject("broadcast needs 'event'"));
                               std::optional<std::string> to;
                               if (target && target->is_string()) to = std::string(target->as_string());
                               // The page names the event: it gets a page's names only.
                               if (!events.reserved_names().may_emit(runtime::EventEmitter::page(), event->as_string()))
                                 return void(call.completion->reject("event name is reserved"));
                               if (!events.emit(std::string(event->as_string()),
                                                payload ? json::serialize(*payload) : "null", to))
                                 return void(call.completion->reject("invalid event name"));
                               call.completion->resolve_json("null");
                             },
                             false});
}

// The window plugin's commands that need the window table (core:window).
void add_window_commands(runtime::CommandTable& commands, runtime::MainThreadQueue& main_thread,
                         webview::WindowSet& windows) {
  // Closes the calling window. The call resolves first; calls still in flight from that window
  // settle later into a closed webview, which WebKit ignores.
  commands.add("plugin:window|close", {[&main_thread, &windows](runtime::Invocation& call) {
                                         call.completion->resolve_json("null");
                                         main_thread.post([&windows, label = call.caller.window] {
                                           if (auto* w = windows.find(label)) w->close();
                                         });
                                       },
                                       false});
}

// core:path's resolve_directory: @tauri-apps/api's BaseDirectory numbers, resolved like the
// path variables of scopes ($APPDATA = $DATA/<identifier>, ...), `path` joined and normalised.
void add_path_commands(runtime::CommandTable& commands, const plugin::PathEnvironment& env) {
  static constexpr const char* kBaseDirectories[] = {
      nullptr,     "AUDIO",    "CACHE",     "CONFIG",       "DATA",     "LOCALDATA", "DOCUMENT", "DOWNLOAD",
      "PICTURE",   "PUBLIC",   "VIDEO",     "RESOURCE",     "TEMP",     "APPCONFIG", "APPDATA",  "APPLOCALDATA",
      "APPCACHE",  "APPLOG",   "DESKTOP",   "EXE",          "FONT",     "HOME",      "RUNTIME",  "TEMPLATE"};
  commands.add("plugin:path|resolve_directory", {[env](runtime::Invocation& call) {
                 auto args = json::parse(call.args_json).as_object();
                 auto* dir = args.if_contains("directory");
                 if (!dir || !dir->is_number()) return void(call.completion->reject("missing 'directory'"));
                 auto n = dir->to_number<int64_t>();
                 if (n < 1 || n >= static_cast<int64_t>(std::size(kBaseDirectories)))
                   return void(call.completion->reject("unknown base directory"));
                 auto base = plugin::path_variable(kBaseDirectories[n], env);
                 if (!base) return void(call.completion->reject("unknown path"));
                 fs::path result = *base;
                 if (auto* p = args.if_contains("path"); p && p->is_string() && !p->as_string().empty())
                   result = (result / std::string(p->as_string())).lexically_normal();
                 call.completion->resolve_json(json::serialize(json::value(json::string(result.string()))));
               },
               false});
}

// A plugin's end of a page Channel: the runtime's channel to that webview.
class RuntimeChannelSink : public plugin::ChannelSink {
 public:
  RuntimeChannelSink(uint32_t id, std::string webview, uint64_t page, runtime::MainThreadQueue& main_thread,
                     runtime::CallbackDelivery deliver)
      : channel_(id, std::move(webview), page, main_thread, std::move(deliver)) {}
  void send(std::string message_json) override { channel_.send(message_json); }
  void close() override { channel_.close(); }

 private:
  runtime::Channel channel_;
};

// Opens a page Channel for a call of page `page` of `webview`; null when `reference` names none.
using PageChannelOpener =
    std::function<std::unique_ptr<plugin::ChannelSink>(std::string_view reference, const std::string& webview, uint64_t page)>;

// Who made a call that a plugin refused by scope, for the audit line.
struct ScopeRefusalCaller {
  std::string plugin;
  std::string command;
  runtime::Caller caller;
};

// A plugin's scope refusal is a denial like the authority's: one audit line with the detail,
// and the page learns only that a scope refused it (the detail too in debug builds).
void refuse_by_scope(runtime::Completion& completion, const ScopeRefusalCaller& who, const std::string& detail) {
  std::string command = "plugin:" + who.plugin + "|" + who.command;
  std::string reason = "refused by the plugin's scope: " + detail;
  log::denial({command, who.caller.window, who.caller.webview, who.caller.origin, 403, reason});
  completion.settle(ipc::InvokeResponse::error(403, runtime::webview_error("refused by scope", detail)));
}

void add_plugin_commands(runtime::CommandTable& commands, plugin::PluginLibrary& library,
                         const plugin::CallEnvironment& environment, const PageChannelOpener& open_channel,
                         std::shared_ptr<acl::Authority> authority) {
  for (const auto& name : library.manifest().commands) {
    // WARDEN_COMMAND_BLOCKING commands run on the blocking pool, the others on the main thread.
    bool blocking = library.command_flags(name).value_or(WARDEN_COMMAND_BLOCKING) & WARDEN_COMMAND_BLOCKING;
    commands.add("plugin:" + library.name() + "|" + name,
                 {[lib = &library, name, base = &environment, open = &open_channel, authority](runtime::Invocation& call) {
                    // The call's own environment: its channels deliver only to the page that made
                    // the call. It lives until the call's result, the last time the plugin may use it.
                    auto env = std::make_shared<plugin::CallEnvironment>(*base);
                    env->open_channel = [open, page = call.caller.page](std::string_view reference,
                                                                        const std::string& webview) {
                      return (*open)(reference, webview, page);
                    };
                    // What this caller would get for a sibling command: asked of the authority as
                    // the dispatcher asks it, for the same window, webview and origin.
                    env->command_scopes = [authority, plugin = lib->name(),
                                           caller = call.caller](std::string_view sibling) -> std::optional<std::string> {
                      acl::Decision d = authority->check("plugin:" + plugin + "|" + std::string(sibling), caller.window,
                                                         caller.webview, origin_of(caller));
                      if (!d.allowed()) return std::nullopt;
                      return scopes_document(d);
                    };
                    plugin::CallRequest request;
                    request.command = name;
                    request.environment = env.get();
                    request.args_json = std::move(call.args_json);
                    if (call.binary) request.body = std::move(call.body);
                    request.scopes_json = std::move(call.scopes_json);
                    request.caller = {call.caller.window, call.caller.webview, call.caller.origin, call.caller.page};
                    lib->invoke(std::move(request), [completion = call.completion, env,
                                                     who = ScopeRefusalCaller{lib->name(), name, call.caller}](
                                                        plugin::CallResult r) {
                      switch (r.kind) {
                        case plugin::CallResult::Kind::json: completion->resolve_json(std::move(r.json)); break;
                        case plugin::CallResult::Kind::bytes: completion->resolve_bytes(std::move(r.bytes)); break;
                        case plugin::CallResult::Kind::error:
                          if (r.scope_refused) refuse_by_scope(*completion, who, r.error);
                          else completion->reject(r.error);
                          break;
                      }
                    });
                  },
                  blocking});
  }
}

// glibc hands a freed block above its mmap threshold straight back to the kernel, and trims the
// heap above 2x that threshold, so each MiB-sized IPC payload page-faulted its buffers in again
// on every call (16 MiB JSON round trip through a plugin: 312 ms, 267 ms with this; bare WebKit
// 241-248 ms). Blocks up to 32 MiB (glibc's maximum) now come from the heap and up to 128 MiB of
// free heap stays mapped: the host keeps that much after its largest calls instead of paying for
// the faults again.
void keep_payload_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
}

int run_app(const RunOptions& o) {
  keep_payload_memory();
  if (!gtk_init_check(nullptr, nullptr))
    throw UsageError("cannot open a display: set DISPLAY, or run under xvfb-run -a");

  fs::path app_dir = fs::absolute(o.app_dir);
  fs::path config_file = app_dir / "warden.conf.json";
  // Read once: every reader below sees the same text, even if the file changes meanwhile.
  const std::string config_text = read_text_file(config_file);
  auto config = webview::parse_frontend_config(config_text, config_file.string(), app_dir);
  const runtime::IpcLimits ipc_limits = runtime::parse_ipc_limits(config_text, config_file.string());

  // Runtime plumbing. Declaration order is teardown order in reverse: windows close first,
  // then the blocking pool drains, then the main-thread queue goes.
  runtime::MainThreadQueue main_thread;
  webview::WindowSet windows;
  // Events and channel messages reach only the page that registered their callback.
  runtime::CallbackDelivery deliver = [&windows](const std::string& w, uint64_t page, uint32_t cb,
                                                 const std::string& d) { windows.run_callback_in_page(w, page, cb, d); };
  runtime::EventBus events(main_thread, deliver);

  // Plugins, then the ACL from the app folder, the core permissions and the plugins' manifests.
  plugin::HostOptions host_options;
  // warden.main-thread/1: the plugins' callbacks go through this run's main-thread queue.
  host_options.main_thread = std::make_shared<plugin::MainThreadService>(
      [&main_thread](std::function<void()> task) { main_thread.post(std::move(task)); });
  // A plugin emits its own names and free ones, never the host's nor another loaded plugin's.
  host_options.events = [&events](const plugin::PluginEvent& e) {
    if (!events.reserved_names().may_emit(runtime::EventEmitter::of_plugin(e.plugin), e.event))
      return spdlog::error("[plugin {}] event '{}' dropped: the name is reserved for {}", e.plugin, e.event,
                           events.reserved_names().owner_of(e.event).value_or("another emitter"));
    events.emit(e.event, e.payload_json, e.target_window);
  };
  host_options.paths.app_identifier = config.identifier;  // $APPDATA, $APPLOG, ... of this app
  host_options.paths.resource_dir = app_dir;                // $RESOURCE: what ships with the app
  auto asset_config = webview::parse_asset_protocol_config(config_text, config_file.string());
  std::vector<fs::path> plugin_dirs(o.plugin_dirs.begin(), o.plugin_dirs.end());
  // plugins.<name>.path naming a library loads it; a folder there only adds permission files.
  // A malformed plugins.<name>.sha256 is a config error (acl::Error) before anything loads.
  acl::AppConfig app_config = acl::parse_app_config(config_text, config_file.string(), app_dir);
  plugin::AppPlugins app_plugins;
  app_plugins.pins = app_config.plugin_pins;
  app_plugins.configs = plugin_configs(config_text);
  for (const auto& [name, path] : app_config.plugin_paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) app_plugins.libraries[name] = path;
  }
  plugin::LoadedPlugins plugins = plugin::load_app_plugins(app_plugins, plugin_dirs, host_options);
  for (auto& lib : plugins.loaded) events.reserved_names().reserve_for_plugin(lib->name());  // <name>://...
  std::vector<std::string> init_scripts;
  for (auto& lib : plugins.loaded)
    if (!lib->init_script().empty()) init_scripts.push_back(lib->init_script());

  // The plugins' permissions come from the sections the loader already read: a file may have
  // changed since it was loaded.
  AclInputSources acl_sources;
  acl_sources.app_dir = app_dir;
  for (auto& lib : plugins.loaded) acl_sources.plugins.push_back({&lib->manifest(), lib->file()});
  acl::AclInputs inputs = assemble_acl_inputs(acl_sources);
  auto manifests = std::make_shared<const acl::ManifestSet>(std::move(inputs.manifests));
  auto authority = std::make_shared<acl::Authority>(manifests, std::move(inputs.capabilities), acl::Target::linux);
  // Where windows may navigate: app.security.navigation, else what the app already shows or grants
  // (its pages, its windows' start origins, the capabilities' remote.urls).
  std::vector<acl::UrlPattern> granted_remote;
  for (const auto& cap : authority->snapshot()->capabilities)
    granted_remote.insert(granted_remote.end(), cap.remote.begin(), cap.remote.end());
  auto navigation = std::make_shared<const webview::NavigationPolicy>(
      webview::parse_navigation_config(config_text, config_file.string()), config.windows, std::move(granted_remote));

  // Declared after the plugins: resources left open are closed while their plugins are loaded.
  plugin::ResourceTable resources;
  plugin::CallEnvironment call_environment;
  call_environment.resources = &resources;
  PageChannelOpener open_page_channel = [&main_thread, &deliver](std::string_view reference, const std::string& webview,
                                                                 uint64_t page) -> std::unique_ptr<plugin::ChannelSink> {
    auto id = runtime::Channel::parse_reference(reference);
    if (!id) return nullptr;
    return std::make_unique<RuntimeChannelSink>(*id, webview, page, main_thread, deliver);
  };
  call_environment.open_channel = [&open_page_channel, &windows](std::string_view reference, const std::string& webview) {
    return open_page_channel(reference, webview, windows.page_of(webview));
  };

  runtime::CommandTable commands;
  runtime::add_core_plugins(commands, events, {config.product_name, config.version, config.identifier},
                            [&resources](const runtime::Caller& caller, uint32_t rid) {
                              return resources.remove_any_plugin({caller.webview, caller.origin, caller.page}, rid);
                            });
  if (ipc_limits.sample_commands) add_sample_commands(commands, events, main_thread, deliver);
  add_window_commands(commands, main_thread, windows);
  add_path_commands(commands, host_options.paths);
  for (auto& lib : plugins.loaded) add_plugin_commands(commands, *lib, call_environment, open_page_channel, authority);

  int exit_code = 0;
  {
    runtime::BlockingPool pool(ipc_limits.pool);
    spdlog::info("ipc: {} blocking thread(s), at most {} per webview; at most {} calls in flight per webview",
                 pool.threads(), pool.per_webview(), ipc_limits.calls_in_flight);
    runtime::Dispatcher dispatcher(access_check(authority, windows), commands, pool, main_thread);
    webview::CspModification csp_modification{config.csp_modification_disabled,
                                              config.csp_modification_disabled_directives,
                                              config.isolation_dir.has_value(), config.frame_ancestors};
    webview::AppScheme app_scheme(webview::FrontendAssets(config.frontend_dist),
                                  o.dev && config.dev_csp ? config.dev_csp : config.csp, csp_modification);
    // A new key per run, known to the IPC scheme and to the bridge's closure only.
    ipc::BridgeOptions bridge{ipc::generate_invoke_key(), config.freeze_prototype, std::nullopt,
                              ipc_limits.calls_in_flight};
    // The isolation pattern: a new AES-256-GCM key per run, known to the IPC scheme and to the
    // isolation frame's runtime only (never to the app's pages, nor to the bridge).
    std::optional<webview::IsolationScheme> isolation_scheme;
    if (config.isolation_dir) {
      bridge.isolation_key = ipc::generate_isolation_key();
      isolation_scheme.emplace(webview::FrontendAssets(*config.isolation_dir));
    }
    webview::IpcScheme ipc_scheme(windows, dispatcher, bridge.invoke_key, bridge.isolation_key,
                                  ipc_limits.calls_in_flight);
    webview::WebContext context(app_scheme, ipc_scheme);
    if (isolation_scheme) {
      isolation_scheme->register_on(context.get());
      spdlog::info("isolation pattern: every call passes the hook of {} (isolation://localhost/)",
                   config.isolation_dir->string());
    }
    if (o.bare_echo_scheme) webview::register_bare_echo_scheme(context.get());
    // app.security.assetProtocol: the files convertFileSrc() names, only inside its scope.
    std::optional<webview::AssetScheme> asset_scheme;
    if (asset_config.enabled) {
      // A remote page may read assets where a capability with remote.urls places it; the app's
      // own pages need no grant (docs/bridge.md, "Asset protocol: who may read").
      auto remote_granted = [authority](const runtime::Caller& caller) {
        auto acl = authority->snapshot();
        auto origin = acl::Origin::remote(caller.url);
        for (const auto& cap : acl->capabilities)
          if (!cap.remote.empty() && cap.matches_labels(caller.window, caller.webview) && cap.matches_origin(origin))
            return true;
        return false;
      };
      asset_scheme.emplace(
          [&asset_config, &host_options](const std::string& path) {
            plugin::GlobOptions globs{asset_config.require_literal_leading_dot};
            return plugin::path_in_scope(path, asset_config.scope, host_options.paths, globs) ==
                   plugin::ScopeDecision::allowed;
          },
          windows, remote_granted);
      asset_scheme->register_on(context.get());
    }

    size_t loaded = 0;
    bool quitting = false;
    auto quit = [&](int code) {
      if (quitting) return;
      quitting = true;
      exit_code = code;
      gtk_main_quit();
    };
    std::function<void()> take_screenshot = [&] {
      webview::AppWindow* first = windows.find(config.windows.front().label);
      if (!first) return quit(1);
      first->snapshot_png(o.screenshot, [&, path = o.screenshot](bool ok) {
        if (ok) spdlog::info("screenshot written to {}", path);
        else spdlog::error("could not write the screenshot {}", path);
        quit(ok ? 0 : 1);
      });
    };
    bool titles_done = false;
    auto all_titles_ready = [&] {
      if (o.exit_on_title.empty()) return;
      bool all = true;
      // Closed windows report nothing; the ones still open must all have reported.
      windows.for_each([&](const webview::AppWindow& w) {
        all = all && (!w.open() || w.title().starts_with(o.exit_on_title));
      });
      if (!all || titles_done) return;
      titles_done = true;
      windows.for_each([](const webview::AppWindow& w) {
        if (w.open()) std::cout << w.label() << '\t' << w.title() << '\n';
      });
      std::cout.flush();
      if (o.screenshot.empty()) return quit(0);
      // Let the page paint what it just reported before the snapshot.
      g_timeout_add(
          300, +[](gpointer f) { (*static_cast<std::function<void()>*>(f))(); return G_SOURCE_REMOVE; },
          new std::function<void()>(take_screenshot));
    };
    auto after_load = [&] {
      if (o.screenshot.empty()) return quit(0);
      take_screenshot();
    };
    bool console = std::getenv("WARDEN_WEBVIEW_CONSOLE") != nullptr;
    for (const auto& wc : config.windows) {
      std::string label = wc.label;
      webview::WindowEvents ev;
      ev.closed = [&, label] {
        spdlog::info("window '{}' closed", label);
        events.forget_webview(label);
        resources.remove_webview(label);
        if (windows.open_count() == 0) quit(exit_code);
        else all_titles_ready();
      };
      // The page is gone: its calls in flight are answered now (none waits for its command or
      // answers into the reloaded page), its listeners and resources are dropped.
      ev.web_process_terminated = [&, label](const std::string& reason) {
        size_t settled = ipc_scheme.settle_webview(label, "the page's web process " + reason);
        events.forget_webview(label);
        resources.remove_webview(label);
        spdlog::warn("window '{}': answered {} call(s) in flight with an error, dropped its listeners and resources",
                     label, settled);
      };
      // Another document took the page's place (issue 13, finding 1): what the previous one
      // registered goes as after a crash: its listeners, its resources (open files, stores, the
      // guards that end its shell children). Its channels and late answers are dropped on
      // delivery (run_callback_in_page); its calls in flight are answered into its own requests,
      // which WebKit ends with its document.
      ev.page_replaced = [&, label](uint64_t page) {
        events.forget_webview(label);
        resources.remove_pages_before(label, page);
      };
      ev.title_changed = [&](const std::string&) { all_titles_ready(); };
      ev.load_finished = [&] {
        if (++loaded != config.windows.size() || !o.exit_after_load) return;
        // Give the page's own start-up scripts a moment to paint before the snapshot.
        g_timeout_add(
            700, +[](gpointer f) { (*static_cast<std::function<void()>*>(f))(); return G_SOURCE_REMOVE; },
            new std::function<void()>(after_load));
      };
      windows.add(std::make_unique<webview::AppWindow>(context.get(), wc, std::move(ev), console, bridge, init_scripts,
                                                       navigation));
    }
    std::function<void()> on_timeout = [&] {
      spdlog::error("run: timed out after {} s", o.timeout_s);
      windows.for_each([](const webview::AppWindow& w) { std::cerr << w.label() << '\t' << w.title() << '\n'; });
      quit(1);
    };
    if (o.timeout_s > 0)
      g_timeout_add(static_cast<guint>(o.timeout_s * 1000),
                    +[](gpointer f) { (*static_cast<std::function<void()>*>(f))(); return G_SOURCE_REMOVE; },
                    &on_timeout);
    gtk_main();
    // Before the pool waits for its workers, one of which may wait for a callback that the ended
    // loop would never run: refuse new requests and run the accepted ones (main_thread_service.hpp).
    host_options.main_thread->close();
    windows.for_each([](webview::AppWindow& w) { w.close(); });
  }
  return exit_code;
}

}  // namespace

void register_run_command(CLI::App& root, Action& action) {
  auto o = std::make_shared<RunOptions>();
  auto* run = root.add_subcommand("run", "Open an app's windows and serve its frontend");
  run->add_option("app", o->app_dir, "The app folder (warden.conf.json, capabilities/, permissions/, frontend)")
      ->required()
      ->check(CLI::ExistingDirectory);
  run->add_option("--plugins", o->plugin_dirs, "A folder of plugin libraries (repeatable)")
      ->check(CLI::ExistingDirectory);
  run->add_option("--screenshot", o->screenshot,
                  "With --exit-after-load or --exit-on-title: write the first window as PNG before exiting");
  run->add_flag("--exit-after-load", o->exit_after_load, "Exit once every window has loaded");
  run->add_option("--exit-on-title", o->exit_on_title,
                  "Exit once every window's title starts with PREFIX; print 'label<TAB>title' per window");
  run->add_option("--timeout", o->timeout_s, "Exit with status 1 after SECONDS");
  run->add_flag("--bare-echo-scheme", o->bare_echo_scheme,
                "Benchmarking: also serve bare://localhost/, which echoes a POST body with no IPC layer");
  run->add_flag("--dev", o->dev, "Development: send app.security.devCsp (when set) instead of csp");
  run->callback([o, &action] { action = [o] { return run_app(*o); }; });
}

}  // namespace warden::cli
