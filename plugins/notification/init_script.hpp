#pragma once
#include <string>

namespace warden::notification_plugin {

// The script every frame runs at document start (warden.init-script/1): a window.Notification
// whose constructor and requestPermission go to this plugin's commands, which is how
// @tauri-apps/plugin-notification's sendNotification and requestPermission reach it.
std::string notification_init_script();

}  // namespace warden::notification_plugin
