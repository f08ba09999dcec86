#pragma once
// The app's own name as its config gives it (identifier, productName), read from the app folder
// ($RESOURCE/warden.conf.json): the plugin sees only plugins.notification of the config, and the
// notification server shows the app's name beside each notification.
#include <string>

#include <warden/plugin.hpp>

namespace warden::notification_plugin {

struct AppIdentity {
  std::string identifier;
  std::string product_name;  // the identifier when the config has no productName
};

// Throws std::runtime_error naming the file when it cannot be read or has no identifier.
AppIdentity read_app_identity(const Host& host);

}  // namespace warden::notification_plugin
