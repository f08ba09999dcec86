// `warden run <app-dir>`: opens the app's windows in WebKitGTK, serves its frontend on
// app://localhost/, and lets its JavaScript call core, app and plugin commands through the
// authority. Wiring only: the app config is cli/app_config, the libraries' admission and loading
// plugin/plugin_folder, the ACL inputs cli/app_acl_inputs, the core commands
// runtime/core_plugins, the app's and plugins' commands cli/library_commands, the headless test
// driver cli/headless_driver.
#include <malloc.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include "acl/authority.hpp"
#include "cli/app_acl_inputs.hpp"
#include "cli/app_config.hpp"
#include "cli/app_lifecycle.hpp"
#include "cli/authority_access_check.hpp"
#include "cli/command.hpp"
#include "cli/headless_driver.hpp"
#include "cli/library_commands.hpp"
#include "cli/run_grants.hpp"
#include "cli/run_images.hpp"
#include "cli/single_instance_message.hpp"
#include "cli/single_instance_run.hpp"
#include "desktop/desktop_commands.hpp"
#include "desktop/webview_commands.hpp"
#include "desktop/window_commands.hpp"
#include "desktop/windows_hooks.hpp"
#include "log/log.hpp"
#include "plugin/call_environment.hpp"
#include "plugin/path_scope.hpp"
#include "plugin/path_variables.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/resource_table.hpp"
#include "runtime/blocking_pool.hpp"
#include "runtime/channel.hpp"
#include "runtime/command_table.hpp"
#include "runtime/core_plugins.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"
#include "webview/app_scheme.hpp"
#include "webview/asset_scheme.hpp"
#include "webview/bare_echo_scheme.hpp"
#include "webview/ipc_receiver.hpp"
#include "webview/isolation_scheme.hpp"
#include "webview/navigation_policy.hpp"
#include "webview/web_context.hpp"
#include "webview/web_extension.hpp"
#include "webview/window_set.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;

struct RunOptions {
  std::string app_dir;
  std::vector<std::string> plugin_dirs;
  HeadlessOptions headless;
  bool bare_echo_scheme = false;
  bool dev = false;
  // After `--`: the app's own arguments (an autostart entry's `args`, later a deep link's URL),
  // never read as warden's options. Kept for the plugins that read them; warden itself ignores them.
  std::vector<std::string> app_args;
};

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

plugin::HostOptions host_options_for(const AppConfig& config, runtime::EventBus& events) {
  plugin::HostOptions options;
  // A plugin emits its own names and free ones, never the host's nor another loaded plugin's.
  options.events = [&events](const plugin::PluginEvent& e) {
    if (!events.reserved_names().may_emit(runtime::EventEmitter::of_plugin(e.plugin), e.event))
      return spdlog::error("[plugin {}] event '{}' dropped: the name is reserved for {}", e.plugin, e.event,
                           events.reserved_names().owner_of(e.event).value_or("another emitter"));
    events.emit(e.event, e.payload_json, e.target_window);
  };
  options.paths.app_identifier = config.frontend.identifier;  // $APPDATA, $APPLOG, ... of this app
  options.paths.resource_dir = config.dir;                    // $RESOURCE: what ships with the app
  return options;
}

// The app library is the app itself: without it the app's commands do not exist, so the run stops.
plugin::LoadedPlugins load_libraries(const AppConfig& config, const std::vector<fs::path>& folders,
                                     const plugin::HostOptions& options) {
  plugin::LoadedPlugins plugins = plugin::load_app_plugins(config.plugins(folders), folders, options);
  if (config.app_library && !plugins.app_library)
    throw std::runtime_error("the app library was refused: " + plugins.refused.front().file.string() + ": " +
                             plugins.refused.front().reason);
  return plugins;
}

// The ACL from the app folder, the core permissions and the plugins' sections the loader already
// read (a file may have changed since it was loaded).
std::shared_ptr<acl::Authority> authority_for(const AppConfig& config, const plugin::LoadedPlugins& plugins) {
  AclInputSources sources;
  sources.app_dir = config.dir;
  sources.app_config = &config.acl;
  for (auto& lib : plugins.loaded) sources.plugins.push_back({&lib->manifest(), lib->file()});
  acl::AclInputs inputs = assemble_acl_inputs(sources);
  auto manifests = std::make_shared<const acl::ManifestSet>(std::move(inputs.manifests));
  return std::make_shared<acl::Authority>(manifests, std::move(inputs.capabilities), acl::Target::linux);
}

// Where windows may navigate: app.security.navigation, else what the app already shows or grants
// (its pages, its windows' start origins, the capabilities' remote.urls).
std::shared_ptr<const webview::NavigationPolicy> navigation_for(const AppConfig& config, const acl::Authority& authority) {
  std::vector<acl::UrlPattern> granted_remote;
  for (const auto& cap : authority.snapshot()->capabilities)
    granted_remote.insert(granted_remote.end(), cap.remote.begin(), cap.remote.end());
  return std::make_shared<const webview::NavigationPolicy>(config.navigation, config.frontend.windows,
                                                          std::move(granted_remote));
}

// Tauri's own first (data-tauri-drag-region: custom title bars), then the app's and the plugins'.
std::vector<std::string> init_scripts_of(const plugin::LoadedPlugins& plugins) {
  std::vector<std::string> out{desktop::drag_region_script()};
  if (plugins.app_library && !plugins.app_library->init_script().empty())
    out.push_back(plugins.app_library->init_script());
  for (auto& lib : plugins.loaded)
    if (!lib->init_script().empty()) out.push_back(lib->init_script());
  return out;
}

// app.security.assetProtocol: the files convertFileSrc() names, only inside its scope (and what
// warden.grants/1 granted to the asking window, docs/grants.md). A remote page may read assets
// where a capability with remote.urls places it; the app's own pages need no grant
// (docs/bridge.md, "Asset protocol: who may read").
void enable_asset_scheme(std::optional<webview::AssetScheme>& scheme, WebKitWebContext* context,
                         const AppConfig& config, std::shared_ptr<acl::Authority> authority,
                         const webview::WindowSet& windows, const RunGrants& grants) {
  if (!config.asset_protocol.enabled) return;
  auto remote_granted = [authority](const runtime::Caller& caller) {
    auto acl = authority->snapshot();
    auto origin = acl::Origin::remote(caller.url);
    for (const auto& cap : acl->capabilities)
      if (!cap.remote.empty() && cap.matches_labels(caller.window, caller.webview) && cap.matches_origin(origin))
        return true;
    return false;
  };
  auto in_scope = [&grants](const runtime::Caller& caller, const std::string& path) {
    return grants.asset_in_scope(caller, path);
  };
  scheme.emplace(in_scope, windows, remote_granted);
  scheme->register_on(context);
}

// The core commands, the app library's (bare names) and the plugins' ("plugin:<name>|...").
struct CommandSources {
  const AppConfig& config;
  runtime::EventBus& events;
  runtime::MainThreadQueue& main_thread;
  webview::WindowSet& windows;
  plugin::ResourceTable& resources;
  const plugin::PathEnvironment& paths;
  plugin::LoadedPlugins& plugins;
  const plugin::CallEnvironment& call_environment;
  const PageChannelOpener& open_channel;
  std::shared_ptr<acl::Authority> authority;
  desktop::DesktopContext& desktop;
};

void add_commands(runtime::CommandTable& commands, const CommandSources& s) {
  runtime::CoreHooks hooks;
  hooks.close_resource = [&resources = s.resources](const runtime::Caller& caller, uint32_t rid) {
    return resources.remove_any_plugin({caller.webview, caller.origin, caller.page}, rid);
  };
  hooks.base_directory = [paths = s.paths](const std::string& variable) -> std::optional<std::string> {
    auto dir = plugin::path_variable(variable, paths);
    return dir ? std::optional<std::string>(dir->string()) : std::nullopt;
  };
  const auto& f = s.config.frontend;
  runtime::add_core_plugins(commands, s.events, {f.product_name, f.version, f.identifier}, std::move(hooks));
  desktop::add_desktop_commands(commands, s.desktop);
  if (s.plugins.app_library)
    add_library_commands(commands, *s.plugins.app_library, CommandNaming::app, s.call_environment, s.open_channel,
                         s.authority);
  for (auto& lib : s.plugins.loaded)
    add_library_commands(commands, *lib, CommandNaming::plugin, s.call_environment, s.open_channel, s.authority);
}

// What a window's and a webview's life mean for the calls, listeners and resources of its page.
struct WindowLife {
  runtime::EventBus& events;
  plugin::ResourceTable& resources;
  webview::IpcReceiver& ipc;
  webview::WindowSet& windows;
  HeadlessDriver& driver;
  std::function<void()> all_closed;
  RunGrants* grants = nullptr;  // what a window was granted goes with it
};

webview::WindowEvents window_events(const std::string& label, WindowLife& life) {
  webview::WindowEvents ev;
  ev.closed = [&life, label] {
    spdlog::info("window '{}' closed", label);
    if (life.grants) life.grants->window_closed(label);
    if (life.windows.open_count() == 0) life.all_closed();
    else life.driver.titles_changed();
  };
  return ev;
}

webview::WebviewEvents webview_events(const std::string& label, WindowLife& life) {
  webview::WebviewEvents ev;
  // A webview closed alone (webview|close) or with its window: its listeners and resources are
  // dropped; its calls in flight settle when their commands answer, into the closed webview,
  // which WebKit ignores.
  ev.closed = [&life, label] {
    spdlog::info("webview '{}' closed with {} call(s) in flight", label, life.ipc.calls_in_flight(label));
    life.events.forget_webview(label);
    life.resources.remove_webview(label);
    life.driver.titles_changed();
  };
  // The page is gone: its calls in flight are answered now (none waits for its command or
  // answers into the reloaded page), its listeners and resources are dropped.
  ev.web_process_terminated = [&life, label](const std::string& reason) {
    size_t settled = life.ipc.settle_webview(label, "the page's web process " + reason);
    life.events.forget_webview(label);
    life.resources.remove_webview(label);
    spdlog::warn("webview '{}': answered {} call(s) in flight with an error, dropped its listeners and resources",
                 label, settled);
  };
  // Another document took the page's place (issue 13, finding 1): what the previous one
  // registered goes as after a crash: its listeners, its resources (open files, stores, the
  // guards that end its shell children). Its channels and late answers are dropped on
  // delivery (run_callback_in_page); its calls in flight are answered into its own requests,
  // which WebKit ends with its document.
  ev.page_replaced = [&life, label](uint64_t page) {
    life.events.forget_webview(label);
    life.resources.remove_pages_before(label, page);
  };
  ev.title_changed = [&life](const std::string&) { life.driver.titles_changed(); };
  ev.load_finished = [&life, label] { life.driver.webview_loaded(label); };
  return ev;
}

// freezePrototype, and the isolation key when the app uses the isolation pattern.
ipc::BridgeOptions bridge_options(const AppConfig& config) {
  ipc::BridgeOptions bridge{config.frontend.freeze_prototype, std::nullopt};
  // A new AES-256-GCM key per run, known to the IPC receiver and to the isolation frame's runtime
  // only (never to the app's pages, nor to the bridge).
  if (config.frontend.isolation_dir) bridge.isolation_key = ipc::generate_isolation_key();
  return bridge;
}

// What the windows are served with: the run's runtime, libraries, ACL and commands.
struct Served {
  const AppConfig& config;
  runtime::MainThreadQueue& main_thread;
  webview::WindowSet& windows;
  runtime::EventBus& events;
  plugin::ResourceTable& resources;
  plugin::HostOptions& host_options;
  const plugin::LoadedPlugins& plugins;
  std::shared_ptr<acl::Authority> authority;
  std::shared_ptr<const webview::NavigationPolicy> navigation;
  const runtime::CommandTable& commands;
  desktop::DesktopContext& desktop;
  RunGrants& grants;
};

// The blocking pool, the dispatcher, the schemes and the windows, until the last window closes or
// the headless driver ends the run.
int open_windows(const RunOptions& o, Served s) {
  const AppConfig& config = s.config;
  auto& main_thread = s.main_thread;
  auto& windows = s.windows;
  auto& events = s.events;
  auto& resources = s.resources;
  auto& host_options = s.host_options;
  const auto& authority = s.authority;
  runtime::BlockingPool pool(config.ipc.pool);
  spdlog::info("ipc: {} blocking thread(s), at most {} per webview; at most {} calls in flight per webview",
               pool.threads(), pool.per_webview(), config.ipc.calls_in_flight);
  runtime::Dispatcher dispatcher(authority_access_check(authority, windows), s.commands, pool, main_thread);
  const auto& f = config.frontend;
  webview::CspModification csp_modification{f.csp_modification_disabled, f.csp_modification_disabled_directives,
                                            f.isolation_dir.has_value(), f.frame_ancestors};
  webview::AppScheme app_scheme(webview::FrontendAssets(f.frontend_dist), o.dev && f.dev_csp ? f.dev_csp : f.csp,
                                csp_modification);
  ipc::BridgeOptions bridge = bridge_options(config);
  std::optional<webview::IsolationScheme> isolation_scheme;
  if (f.isolation_dir) isolation_scheme.emplace(webview::FrontendAssets(*f.isolation_dir));
  // Every call goes through Warden's web extension: without it, no window opens (docs/ipc.md).
  auto extension = webview::find_web_extension(
      webview::web_extension_folders(webview::running_binary(), WARDEN_WEBEXT_INSTALL_RELDIR));
  if (auto* error = std::get_if<webview::WebExtensionError>(&extension)) {
    spdlog::error("{}", error->message);
    return 1;
  }
  webview::IpcReceiver ipc_receiver(windows, dispatcher, bridge.isolation_key, config.ipc.calls_in_flight);
  webview::WebContext context(
      app_scheme, {std::get<std::filesystem::path>(extension), config.ipc.calls_in_flight, WARDEN_VERSION});
  if (isolation_scheme) {
    isolation_scheme->register_on(context.get());
    spdlog::info("isolation pattern: every call passes the hook of {} (isolation://localhost/)", f.isolation_dir->string());
  }
  if (o.bare_echo_scheme) webview::register_bare_echo_scheme(context.get());
  std::optional<webview::AssetScheme> asset_scheme;
  enable_asset_scheme(asset_scheme, context.get(), config, authority, windows, s.grants);

  int exit_code = 0;
  bool quitting = false;
  auto quit = [&](int code) {
    if (quitting) return;
    quitting = true;
    exit_code = code;
    gtk_main_quit();
  };
  // app.windows[] with create: false are described only; the app opens them later (or never).
  std::vector<std::string> start_windows;
  for (const auto& wc : f.windows)
    if (wc.create) start_windows.push_back(wc.label);
  HeadlessDriver driver(o.headless, windows, start_windows, quit);
  WindowLife life{events, resources, ipc_receiver, windows, driver, [&] { quit(exit_code); }, &s.grants};
  // app|exit: after the call's answer went out.
  s.desktop.exit_app = [&main_thread, &quit](int code) { main_thread.post([&quit, code] { quit(code); }); };
  bool console = std::getenv("WARDEN_WEBVIEW_CONSOLE") != nullptr;
  // The config's windows and the ones the app creates later are made the same way.
  webview::WebviewSetup setup{context.get(), console, bridge, init_scripts_of(s.plugins), s.navigation};
  setup.ipc = &ipc_receiver;
  desktop::WindowFactory factory{setup,
                                 [&life](const std::string& label) { return window_events(label, life); },
                                 [&life](const std::string& label) { return webview_events(label, life); }};
  s.desktop.factory = &factory;
  for (const auto& wc : f.windows)
    if (wc.create) desktop::open_window(s.desktop, wc, true);
  driver.start();
  gtk_main();
  s.desktop.exit_app = nullptr;  // it refers to this frame's quit
  // Before the pool waits for its workers, one of which may wait for a callback that the ended
  // loop would never run: refuse new requests and run the accepted ones (main_thread_service.hpp).
  host_options.main_thread->close();
  windows.for_each([](webview::AppWindow& w) { w.close(); });
  s.desktop.factory = nullptr;  // it refers to this frame's web context and window life
  return exit_code;
}

// Everything a run holds, in teardown order reversed: windows close first, then the blocking
// pool drains, then the main-thread queue goes; resources left open are closed while their
// plugins are still loaded.
int serve(const RunOptions& o, const AppConfig& config, InstanceSocket* instance) {
  runtime::MainThreadQueue main_thread;
  webview::WindowSet windows;
  // Events and channel messages reach only the page that registered their callback.
  runtime::CallbackDelivery deliver = [&windows](const std::string& w, uint64_t page, uint32_t cb,
                                                 const std::string& d) { windows.run_callback_in_page(w, page, cb, d); };
  runtime::EventBus events(main_thread, deliver);
  plugin::HostOptions host_options = host_options_for(config, events);
  // warden.main-thread/1: the plugins' callbacks go through this run's main-thread queue.
  host_options.main_thread = std::make_shared<plugin::MainThreadService>(
      [&main_thread](std::function<void()> task) { main_thread.post(std::move(task)); },
      [&main_thread] { return main_thread.on_main_thread(); });
  // warden.grants/1, warden.app-lifecycle/1, warden.windows/1: filled in below, once their parts exist.
  host_options.app = std::make_shared<plugin::AppHooks>();
  // warden.app-lifecycle/1's app_identity: known before the plugins load, whose init reads it.
  host_options.app->identity =
      app_identity_of(config.frontend.identifier, config.frontend.product_name, config.frontend.version);
  // warden.single-instance/1's arguments: this run's app arguments, read by plugins' init too.
  host_options.app->arguments_json = arguments_json(o.app_args);
  // warden.windows/1: the run's windows by label, their state, and their events from the
  // feed that open_window hands each new window (desktop.window_created below).
  std::shared_ptr<desktop::WindowEventFeed> window_feed = desktop::fill_windows_hooks(*host_options.app, windows);
  // warden.single-instance/1: plugins subscribe from their init on; later runs are heard once
  // the plugins are loaded, until just before they shut down (`listening` goes first).
  std::vector<std::string> start_windows;
  for (const auto& wc : config.frontend.windows)
    if (wc.create) start_windows.push_back(wc.label);
  RunSingleInstance single_instance(*host_options.app, instance, start_windows);
  std::vector<fs::path> folders(o.plugin_dirs.begin(), o.plugin_dirs.end());
  plugin::LoadedPlugins plugins = load_libraries(config, folders, host_options);
  RunSingleInstance::Listening listening = single_instance.listen();
  for (auto& lib : plugins.loaded) events.reserved_names().reserve_for_plugin(lib->name());  // <name>://...
  auto authority = authority_for(config, plugins);
  auto navigation = navigation_for(config, *authority);
  // warden.grants/1: a plugin extends the fs or asset scope of the window that called it
  // with a path the user picked, where plugins.<name>.grants allows it (docs/grants.md).
  RunGrants grants(*host_options.app, config, host_options.paths, authority, windows, *host_options.main_thread);

  plugin::ResourceTable resources;
  plugin::CallEnvironment call_environment;
  call_environment.resources = &resources;
  PageChannelOpener open_page_channel = runtime_channel_opener(main_thread, deliver);
  call_environment.open_channel = [&open_page_channel, &windows](std::string_view reference, const std::string& webview) {
    return open_page_channel(reference, webview, windows.page_of(webview));
  };
  desktop::DesktopContext desktop{windows, events, main_thread, resources, host_options.paths, {}, nullptr};
  desktop.window_created = [window_feed](webview::AppWindow& window) { window_feed->watch(window); };  // H6
  desktop.app_icon = config.frontend.window_icon;
  desktop.app_name = config.frontend.product_name;
  desktop.app_version = config.frontend.version;
  desktop.open_channel = [&open_page_channel](std::string_view reference, const runtime::Caller& caller) {
    return open_page_channel(reference, caller.webview, caller.page);
  };
  if (config.asset_protocol.enabled) desktop.asset_protocol = &config.asset_protocol;
  // warden.app-lifecycle/1: a plugin's exit and restart end the run as app|exit does (run_app
  // then re-executes for a restart); refused once `lifecycle` goes, before `desktop`.
  RunLifecycle lifecycle(*host_options.app, main_thread, desktop,
                         launch_command_of(webview::running_binary(), fs::current_path(), o.app_dir, o.plugin_dirs));
  // warden.images/1: a plugin's Images of @tauri-apps/api (the clipboard's read/writeImage).
  RunImages images(*host_options.app, desktop);
  runtime::CommandTable commands;
  add_commands(commands, {config, events, main_thread, windows, resources, host_options.paths, plugins,
                          call_environment, open_page_channel, authority, desktop});
  return open_windows(o, {config, main_thread, windows, events, resources, host_options, plugins, authority, navigation,
                          commands, desktop, grants});
}

int run_app(const RunOptions& o) {
  keep_payload_memory();
  if (!gtk_init_check(nullptr, nullptr))
    throw UsageError("cannot open a display: set DISPLAY, or run under xvfb-run -a");
  // Read and parsed once: every part below sees the same config, even if the file changes meanwhile.
  AppConfig config = load_app_config(o.app_dir);
  // GTK names the app in what it shows for us (a message box without a title, the file chooser's
  // recent places): the app's productName, as Tauri names it, not the program name "warden".
  g_set_application_name(config.frontend.product_name.c_str());
  // warden.single-instance/1: a later run of a single-instance app hands its arguments to the
  // running one and ends here, before any plugin loads or window opens.
  InstanceClaim instance = claim_single_instance(config, o.app_args);
  if (instance.handed_over) return 0;
  int code = serve(o, config, instance.socket ? &*instance.socket : nullptr);
  instance.socket.reset();  // socket and lock file go before a restart, whose new run takes them again
  // warden.app-lifecycle/1: the windows are closed and the plugins shut down; start again.
  return restart_requested() ? restart_process() : code;
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
  run->add_option("--screenshot", o->headless.screenshot,
                  "With --exit-after-load or --exit-on-title: write the first window as PNG before exiting");
  run->add_flag("--exit-after-load", o->headless.exit_after_load, "Exit once every window has loaded");
  run->add_option("--exit-on-title", o->headless.exit_on_title,
                  "Exit once every window's title starts with PREFIX; print 'label<TAB>title' per window");
  run->add_option("--timeout", o->headless.timeout_s, "Exit with status 1 after SECONDS");
  run->add_flag("--bare-echo-scheme", o->bare_echo_scheme,
                "Benchmarking: also serve bare://localhost/, which echoes a POST body with no IPC layer");
  run->add_flag("--dev", o->dev, "Development: send app.security.devCsp (when set) instead of csp");
  run->add_option("app-args", o->app_args, "Arguments for the app itself, after -- (warden does not read them)");
  run->callback([o, &action] { action = [o] { return run_app(*o); }; });
}

}  // namespace warden::cli
