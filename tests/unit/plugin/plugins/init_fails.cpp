// Refusal: init fails unless the plugin's config has a "token" (then `token` returns it).
#include <warden/plugin.hpp>

namespace {
std::string g_token;
}

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host&, const boost::json::value& config) {
    const auto* token = config.is_object() ? config.get_object().if_contains("token") : nullptr;
    if (!token || !token->is_string()) throw std::runtime_error("missing required config key 'token'");
    g_token = token->get_string();
  });
  plugin.command("token", []() { return g_token; });
}
