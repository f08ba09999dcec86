#pragma once
// The app's own name as its config gives it (identifier, productName), read from the app folder
// ($RESOURCE/warden.conf.json): the plugin sees only plugins.autostart of the config, and the
// autostart entry is named after the app (Name) and its file after the app's identifier.
#include <string>

#include <warden/plugin.hpp>

namespace warden::autostart_plugin {

struct AppIdentity {
  std::string identifier;
  std::string product_name;  // the identifier when the config has no productName
};

// Throws std::runtime_error naming the file when it cannot be read or has no identifier.
AppIdentity read_app_identity(const Host& host);

}  // namespace warden::autostart_plugin
