// The global-shortcut plugin: the commands @tauri-apps/plugin-global-shortcut 2.4.0 invokes
// (plugin:global-shortcut|register, unregister, unregister_all, is_registered;
// docs/plugins/global-shortcut.md): system-wide key combinations grabbed on X11 whose presses and
// releases reach the page that registered them.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include "shortcut_registry.hpp"

namespace gs = warden::global_shortcut;
namespace json = boost::json;

namespace {

std::shared_ptr<gs::ShortcutRegistry>& registry() {
  static std::shared_ptr<gs::ShortcutRegistry> r;
  return r;
}

gs::ShortcutRegistry& running() {
  if (!registry()) throw std::runtime_error("the global-shortcut plugin is not initialised");
  return *registry();
}

const json::object& object_of(const json::value& args) {
  if (!args.is_object()) throw std::invalid_argument("the arguments must be an object");
  return args.get_object();
}

std::string string_arg(const json::value& args, const char* name) {
  const json::value* v = object_of(args).if_contains(name);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("argument '") + name + "' must be a string");
  return std::string(v->get_string());
}

// `shortcuts`: an array of shortcut strings (the package always sends an array).
std::vector<std::string> shortcuts_arg(const json::value& args) {
  const json::value* v = object_of(args).if_contains("shortcuts");
  if (!v || !v->is_array()) throw std::invalid_argument("argument 'shortcuts' must be an array of shortcut strings");
  if (v->get_array().size() > gs::kMaxShortcutsPerPage)
    throw std::invalid_argument("argument 'shortcuts' names more than " + std::to_string(gs::kMaxShortcutsPerPage) +
                                " shortcuts");
  std::vector<std::string> out;
  for (const json::value& s : v->get_array()) {
    if (!s.is_string()) throw std::invalid_argument("argument 'shortcuts' must be an array of shortcut strings");
    out.emplace_back(s.get_string());
  }
  return out;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    if (!config.is_null() && !(config.is_object() && config.get_object().empty()))
      throw std::invalid_argument("plugins.global-shortcut takes no options");
    registry() = std::make_shared<gs::ShortcutRegistry>(warden::MainThread(host));
  });
  plugin.on_shutdown([] {
    if (auto r = std::exchange(registry(), nullptr)) r->shut_down();
  });

  plugin.command("register", [](const json::value& args, warden::Context& ctx) -> json::value {
    running().register_shortcuts(ctx, shortcuts_arg(args), string_arg(args, "handler"));
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);
  // register_all: what the 2.0 packages invoked for registerAll(list, handler) (apps pinned to them
  // grant global-shortcut:allow-register-all); the same call as register with a list.
  plugin.command("register_all", [](const json::value& args, warden::Context& ctx) -> json::value {
    running().register_shortcuts(ctx, shortcuts_arg(args), string_arg(args, "handler"));
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);
  plugin.command("unregister", [](const json::value& args, warden::Context& ctx) -> json::value {
    running().unregister(ctx, shortcuts_arg(args));
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);
  plugin.command("unregister_all", [](warden::Context& ctx) -> json::value {
    running().unregister_all(ctx);
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);
  plugin.command("is_registered", [](const json::value& args, warden::Context& ctx) -> json::value {
    return running().is_registered(ctx, string_arg(args, "shortcut"));
  }, WARDEN_COMMAND_BLOCKING);
}
