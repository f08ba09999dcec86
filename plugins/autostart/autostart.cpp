// The autostart plugin: the commands @tauri-apps/plugin-autostart 2.x invokes (enable, disable,
// is_enabled; docs/plugins/autostart.md). The entry's every value comes from the app (its config,
// plugins.autostart.args, and the command line the host says starts it), none from the page: the
// commands take no arguments.
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <boost/json.hpp>
#include <warden/app_identity.hpp>
#include <warden/desktop_entry.hpp>
#include <warden/ext/app_lifecycle.h>
#include <warden/plugin.hpp>

#include "autostart_config.hpp"
#include "autostart_entry.hpp"
#include "autostart_file.hpp"

namespace ap = warden::autostart_plugin;
namespace json = boost::json;

namespace {

struct PluginState {
  warden::Host host;
  warden::AppIdentity app;  // the host's (warden.app-lifecycle/1): it names the entry and its file
  ap::AutostartConfig config;
  std::unique_ptr<ap::AutostartFile> file;
};

std::unique_ptr<PluginState>& state_slot() {
  static std::unique_ptr<PluginState> s;
  return s;
}

PluginState& state() {
  auto& s = state_slot();
  if (!s) throw std::runtime_error("the autostart plugin is not initialised");
  return *s;
}

// The command line that starts this app, as the host gives it (warden.app-lifecycle/1).
std::vector<std::string> launch_command(const warden::Host& host) {
  const std::string unavailable =
      "autostart cannot be enabled: this host gives no command line that starts the app "
      "(warden.app-lifecycle/1 launch_command)";
  std::string answer;
  if (auto command = warden::find_launch_command(host, &answer)) return *command;
  if (!answer.empty())
    host.error("autostart: launch_command answered " + answer +
               ", expected a JSON array of strings, the absolute host binary first");
  throw std::runtime_error(unavailable);
}

void enable() {
  PluginState& s = state();
  std::vector<std::string> command = launch_command(s.host);
  // After `--`: an argument of the app's can never be read as one of warden run's options.
  if (!s.config.args.empty()) {
    command.emplace_back("--");
    command.insert(command.end(), s.config.args.begin(), s.config.args.end());
  }
  std::string text = ap::entry_text({s.app.product_name, command, s.app.identifier});
  try {
    s.file->write(text);
  } catch (const std::system_error& e) {
    s.host.error(std::string("autostart: ") + e.what());
    throw std::runtime_error("cannot write the autostart entry (the log says why)");
  }
  s.host.info("autostart: enabled, " + s.file->path());
}

void disable() {
  PluginState& s = state();
  auto text = s.file->read();
  if (!text) return;  // nothing to remove: already disabled
  if (!ap::is_entry_of(*text, s.app.identifier)) {
    s.host.warn("autostart: " + s.file->path() + " was not written by this plugin; left in place");
    throw std::runtime_error("the app's autostart entry was not written by Warden; it was left in place");
  }
  try {
    s.file->remove();
  } catch (const std::system_error& e) {
    s.host.error(std::string("autostart: ") + e.what());
    throw std::runtime_error("cannot remove the autostart entry (the log says why)");
  }
  s.host.info("autostart: disabled, " + s.file->path() + " removed");
}

bool is_enabled() {
  PluginState& s = state();
  auto text = s.file->read();
  return text && ap::is_entry_of(*text, s.app.identifier);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    auto s = std::make_unique<PluginState>();
    s->host = host;
    s->config = ap::autostart_config_from(config);
    s->app = warden::app_identity(host);
    if (!warden::desktop_entry::is_file_name_identifier(s->app.identifier))
      throw std::invalid_argument("the app identifier '" + s->app.identifier +
                                  "' cannot name an autostart file ([A-Za-z0-9._-], not starting with '.')");
    auto config_home = host.resolve_path("$CONFIG");
    if (!config_home) throw std::runtime_error("no config folder: neither XDG_CONFIG_HOME nor HOME is set");
    s->file = std::make_unique<ap::AutostartFile>(*config_home, s->app.identifier);
    state_slot() = std::move(s);
  });
  plugin.on_shutdown([] { state_slot().reset(); });
  plugin.command("enable", [] { enable(); }, WARDEN_COMMAND_BLOCKING);
  plugin.command("disable", [] { disable(); }, WARDEN_COMMAND_BLOCKING);
  plugin.command("is_enabled", [] { return is_enabled(); }, WARDEN_COMMAND_BLOCKING);
}
