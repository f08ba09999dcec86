// The deep-link plugin: the commands @tauri-apps/plugin-deep-link 2.x invokes (get_current,
// register, unregister, is_registered) and its event, deep-link://new-url, which onOpenUrl
// listens to (docs/plugins/deep-link.md).
// - The links of this run are the app arguments (warden.single-instance/1's arguments: what
//   followed `--` on `warden run`) that are URLs of a scheme in plugins.deep-link.desktop.schemes
//   (link_arguments.hpp). With app.singleInstance, a later `warden run` of the app hands its
//   arguments over instead of starting; their links become the current ones and go to every
//   window as deep-link://new-url.
// - register makes the app the desktop's handler of one configured scheme (scheme_registration.hpp);
//   no page can name a scheme the config does not list, nor one of the web or the desktop
//   (deep_link_config.hpp's reserved_scheme, refused already in the config).
// - registerAtStart (Warden's own key, off by default): at each start, every configured scheme
//   that has no default application yet, or has this app's entry, is registered (the entry's Exec
//   follows the app if it moved); a scheme whose default the user gave another application is
//   left alone. The app then handles its links without granting a page `register`.
// Links are untrusted input to the app: anyone who can run programs as the user can start
// `warden run APP -- myapp://anything`.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <warden/app_identity.hpp>
#include <warden/desktop_entry.hpp>
#include <warden/ext/app_lifecycle.h>
#include <warden/ext/single_instance.h>
#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>
#include <warden/url_scheme.hpp>

#include "deep_link_config.hpp"
#include "link_arguments.hpp"
#include "scheme_registration.hpp"

namespace dl = warden::deep_link_plugin;
namespace json = boost::json;

namespace {

constexpr const char* kNewUrlEvent = "deep-link://new-url";

struct ProtocolArgs {
  std::string protocol;
};
BOOST_DESCRIBE_STRUCT(ProtocolArgs, (), (protocol))

struct PluginState {
  warden::Host host;
  dl::DeepLinkConfig config;
  warden::AppIdentity app;
  std::optional<dl::RegistrationPlaces> places;  // nullopt: no XDG data or config folder
  const warden_host_single_instance* instances = nullptr;
  uint64_t subscription = 0;

  std::thread start_registration;  // registerAtStart's work, joined at shutdown
  std::atomic<bool> stopping{false};  // set at shutdown: registerAtStart starts no further scheme

  std::mutex mutex;  // guards what follows
  std::optional<std::vector<std::string>> current;  // the latest links, nullopt before any
  std::unique_ptr<dl::SchemeRegistration> registration;  // made at the first command that needs it
};

std::unique_ptr<PluginState>& state_slot() {
  static std::unique_ptr<PluginState> s;
  return s;
}

PluginState& state() {
  auto& s = state_slot();
  if (!s) throw std::runtime_error("the deep-link plugin is not initialised");
  return *s;
}

void log_ignored(const warden::Host& host, const std::string& where, const dl::LinkArguments& links) {
  for (const std::string& why : links.ignored) host.info("deep-link: " + where + ", " + why + ": ignored");
}

// [main-thread] A later `warden run` of the app handed over its arguments.
void on_instance_arguments(void* user, const char* arguments_json, const char* /*cwd*/) {
  auto* s = static_cast<PluginState*>(user);
  dl::LinkArguments links;
  try {
    links = dl::links_among_json(arguments_json ? arguments_json : "", s->config);
  } catch (const std::exception& e) {
    s->host.warn(std::string("deep-link: a later instance's arguments: ") + e.what());
    return;
  }
  log_ignored(s->host, "a later instance's arguments", links);
  if (links.links.empty()) return;
  {
    std::lock_guard lock(s->mutex);
    s->current = links.links;
  }
  json::array payload;
  for (const std::string& link : links.links) payload.emplace_back(link);
  if (!s->host.emit(kNewUrlEvent, payload))
    s->host.warn("deep-link: the host refused the deep-link://new-url event");
  s->host.info("deep-link: " + std::to_string(links.links.size()) + " link(s) handed over by a later instance");
}

// This run's app arguments as warden.single-instance/1 gives them; [] without it.
std::vector<std::string> run_arguments(const PluginState& s) {
  std::vector<std::string> out;
  if (!s.instances) return out;
  auto text = s.host.take_string(s.instances->arguments(s.host.raw()));
  if (!text) return out;
  boost::system::error_code ec;
  json::value parsed = json::parse(*text, ec);
  if (ec || !parsed.is_array()) {
    s.host.error("deep-link: warden.single-instance/1 arguments answered something other than a JSON array");
    return out;
  }
  for (const json::value& v : parsed.get_array())
    out.emplace_back(v.is_string() ? std::string(v.get_string()) : std::string());
  return out;
}

// The command line that starts this app, as the host gives it (warden.app-lifecycle/1).
std::vector<std::string> launch_command(const warden::Host& host) {
  const std::string unavailable =
      "this host gives no command line that starts the app (warden.app-lifecycle/1 launch_command)";
  std::string answer;
  if (auto command = warden::find_launch_command(host, &answer)) return *command;
  throw std::runtime_error(answer.empty() ? unavailable : unavailable + ": it answered " + answer);
}

dl::SchemeRegistration& registration(PluginState& s) {
  std::lock_guard lock(s.mutex);
  if (!s.registration) {
    if (!s.places) throw std::runtime_error("no XDG data or config folder: neither XDG_DATA_HOME, XDG_CONFIG_HOME nor HOME is set");
    s.registration = std::make_unique<dl::SchemeRegistration>(
        *s.places, dl::RegisteredApp{s.app.identifier, s.app.product_name, launch_command(s.host)});
  }
  return *s.registration;
}

// The page's protocol as a scheme: RFC 3986 syntax, ASCII lower-cased; a plain error.
std::string scheme_of(const ProtocolArgs& args) {
  std::optional<std::string> scheme = warden::lower_case_url_scheme(args.protocol);
  if (!scheme) throw std::invalid_argument("protocol is not a URL scheme (without ://)");
  return *scheme;
}

// A scheme the app config does not list is refused as by a scope: the page learns no more.
void require_configured(const PluginState& s, const std::string& scheme, const char* command) {
  if (s.config.handles(scheme)) return;
  throw warden::ScopeRefused(std::string("deep-link ") + command + ": the scheme '" + scheme +
                             "' is not in plugins.deep-link.desktop.schemes of the app config");
}

// Runs a registration step; its detailed failure (paths, tool output) goes to the log, the page
// gets `what`.
template <class Step>
auto logged(const PluginState& s, const std::string& what, Step step) {
  try {
    return step();
  } catch (const warden::ScopeRefused&) {
    throw;
  } catch (const std::exception& e) {
    s.host.error("deep-link: " + what + ": " + e.what());
    throw std::runtime_error(what + " (the log says why)");
  }
}

json::value get_current() {
  PluginState& s = state();
  std::lock_guard lock(s.mutex);
  if (!s.current) return nullptr;
  json::array out;
  for (const std::string& link : *s.current) out.emplace_back(link);
  return out;
}

void register_scheme(const ProtocolArgs& args) {
  PluginState& s = state();
  std::string scheme = scheme_of(args);
  require_configured(s, scheme, "register");
  logged(s, "cannot register the scheme '" + scheme + "'", [&] { registration(s).add(scheme, s.config); });
  s.host.info("deep-link: the app is now the handler of " + scheme + ": URLs");
}

void unregister_scheme(const ProtocolArgs& args) {
  PluginState& s = state();
  std::string scheme = scheme_of(args);
  // Only the app's own entry and default are ever removed, so any scheme may be named: one the
  // config no longer lists can still be undone.
  logged(s, "cannot unregister the scheme '" + scheme + "'", [&] { registration(s).remove(scheme, s.config); });
  s.host.info("deep-link: the app is no longer the handler of " + scheme + ": URLs");
}

bool is_registered(const ProtocolArgs& args) {
  PluginState& s = state();
  std::string scheme = scheme_of(args);
  return logged(s, "cannot tell whether the scheme '" + scheme + "' is registered",
                [&] { return registration(s).is_default(scheme); });
}

// [own thread] registerAtStart: the configured schemes nobody else handles become the app's.
void register_at_start(PluginState& s) {
  for (const std::string& scheme : s.config.schemes) {
    if (s.stopping) return;
    try {
      dl::SchemeRegistration& r = registration(s);
      std::string chosen = r.current_default(scheme);
      if (!chosen.empty() && chosen != r.desktop_id()) {
        s.host.info("deep-link: registerAtStart leaves " + scheme + ": URLs to " + chosen + ", the user's default");
        continue;
      }
      r.add(scheme, s.config);
      s.host.info("deep-link: registerAtStart made the app the handler of " + scheme + ": URLs");
    } catch (const std::exception& e) {
      s.host.error("deep-link: registerAtStart could not register " + scheme + ": " + e.what());
    }
  }
}

// registerAtStart's work starts from the main loop's first turns: the launch command it writes
// exists only once the run has set up (after the plugins' init), and the desktop's tools take a
// while, so they run on a thread of their own while the app starts.
void start_registration_later(PluginState& s) {
  auto start = [p = &s] { p->start_registration = std::thread(register_at_start, std::ref(*p)); };
  auto main_thread = warden::MainThread::find(s.host);
  if (!main_thread || !main_thread->post(start))
    s.host.error("deep-link: registerAtStart needs the host's main loop (warden.main-thread/1): nothing registered");
}

void init(const warden::Host& host, const json::value& config) {
  auto s = std::make_unique<PluginState>();
  s->host = host;
  s->config = dl::deep_link_config_from(config);
  s->app = warden::app_identity(host);
  if (!warden::desktop_entry::is_file_name_identifier(s->app.identifier))
    throw std::invalid_argument("the app identifier '" + s->app.identifier +
                                "' cannot name a desktop file ([A-Za-z0-9._-], not starting with '.')");
  auto data_home = host.resolve_path("$DATA");
  auto config_home = host.resolve_path("$CONFIG");
  if (data_home && config_home) s->places = dl::RegistrationPlaces{*data_home, *config_home};
  s->instances = host.extension<warden_host_single_instance>(WARDEN_EXT_SINGLE_INSTANCE);
  if (!s->instances) host.warn("deep-link: this host lacks warden.single-instance/1: no links from the command line");

  dl::LinkArguments links = dl::links_among(run_arguments(*s), s->config);
  log_ignored(host, "this run's arguments", links);
  if (!links.links.empty()) s->current = links.links;

  if (s->instances) s->subscription = s->instances->subscribe(host.raw(), on_instance_arguments, s.get());
  if (!s->subscription)
    host.info("deep-link: links opened while the app runs start a new instance (set app.singleInstance to hand "
              "them to this one)");
  if (s->config.register_at_start) start_registration_later(*s);
  state_slot() = std::move(s);
}

void shutdown() {
  auto& s = state_slot();
  if (s && s->subscription) s->instances->unsubscribe(s->host.raw(), s->subscription);
  if (s) s->stopping = true;
  if (s && s->start_registration.joinable()) s->start_registration.join();
  s.reset();
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init(init);
  plugin.on_shutdown(shutdown);
  plugin.command("get_current", [] { return get_current(); });
  plugin.command("register", [](const ProtocolArgs& a) { register_scheme(a); }, WARDEN_COMMAND_BLOCKING);
  plugin.command("unregister", [](const ProtocolArgs& a) { unregister_scheme(a); }, WARDEN_COMMAND_BLOCKING);
  plugin.command("is_registered", [](const ProtocolArgs& a) { return is_registered(a); }, WARDEN_COMMAND_BLOCKING);
}
