// The instance probe: at init it reads this run's app arguments and subscribes to later
// instances (warden.single-instance/1); `state` answers
//   {"own": [...], "subscribed": bool, "later": [{"arguments": [...], "cwd": "..."}], "restarted": bool}
// and `restart` restarts the app (warden.app-lifecycle/1). A test plugin only.
#include <cstdlib>
#include <mutex>
#include <string>

#include <warden/ext/app_lifecycle.h>
#include <warden/ext/single_instance.h>
#include <warden/plugin.hpp>

namespace json = boost::json;

namespace {

struct Heard {
  std::mutex mutex;
  json::value own = nullptr;
  uint64_t subscription = 0;
  json::array later;
};

Heard& heard() {
  static Heard h;
  return h;
}

// [main-thread] A later run's arguments: kept for the page, and logged for the suite's log check.
void on_later_instance(void*, const char* arguments_json, const char* cwd) {
  std::error_code ec;
  json::value arguments = json::parse(arguments_json, ec);
  std::lock_guard lock(heard().mutex);
  heard().later.push_back(json::object{{"arguments", ec ? json::value(arguments_json) : arguments}, {"cwd", cwd}});
}

json::value state(const json::value&, warden::Context&) {
  std::lock_guard lock(heard().mutex);
  // The restart count crosses the exec (cli/app_lifecycle.hpp): set only in a re-executed run.
  bool restarted = std::getenv("WARDEN_RAPID_RESTARTS") != nullptr;
  return json::object{{"own", heard().own},
                      {"subscribed", heard().subscription != 0},
                      {"later", heard().later},
                      {"restarted", restarted}};
}

json::value restart(const json::value&, warden::Context& ctx) {
  const auto& lifecycle = ctx.host().require<warden_host_app_lifecycle>(WARDEN_EXT_APP_LIFECYCLE);
  return lifecycle.restart(ctx.host().raw()) == 0;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value&) {
    const auto& instances = host.require<warden_host_single_instance>(WARDEN_EXT_SINGLE_INSTANCE);
    auto own = host.take_string(instances.arguments(host.raw()));
    std::lock_guard lock(heard().mutex);
    heard().own = own ? json::parse(*own) : json::value(nullptr);
    heard().subscription = instances.subscribe(host.raw(), on_later_instance, nullptr);
    host.info("own arguments " + (own ? *own : std::string("(none)")) + ", subscription " +
              std::to_string(heard().subscription));
  });
  plugin.command("state", state);
  plugin.command("restart", restart);
}
