#pragma once
// What the desktop core plugins (window, webview, app, image, menu, tray: @tauri-apps/api's modules
// that act on windows and the session) need of the run. One object per run, built by `warden run` before
// the command table; the hooks that need the open windows' machinery (creating a window, ending
// the run) are filled in once that machinery exists, and fail the call until then.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/call_environment.hpp"
#include "plugin/path_variables.hpp"
#include "plugin/resource_table.hpp"
#include "runtime/caller.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"
#include "webview/app_webview.hpp"
#include "webview/asset_protocol_config.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {

namespace menu {
class WindowMenus;
}

// How the run makes windows and webviews: the config's at start and the create commands' at run
// time (desktop/webview_commands.hpp, open_window and open_child_webview).
struct WindowFactory {
  webview::WebviewSetup setup;
  // What a window's and a webview's life mean for the run: its listeners, resources and calls in
  // flight, the headless driver.
  std::function<webview::WindowEvents(const std::string& window)> window_events;
  std::function<webview::WebviewEvents(const std::string& webview)> webview_events;
};

struct DesktopContext {
  webview::WindowSet& windows;
  runtime::EventBus& events;
  runtime::MainThreadQueue& main_thread;
  plugin::ResourceTable& resources;
  const plugin::PathEnvironment& paths;
  // [main-thread] Ends the run with `code` once the current call has answered (app|exit).
  std::function<void(int code)> exit_app;
  // Set by warden run once its web context exists (unset: the create commands fail).
  WindowFactory* factory = nullptr;
  // The app's icon file (bundle.icon's first PNG, else icons/icon.png in the app's folder) when
  // there is one: app|default_window_icon answers it as an Image.
  std::optional<std::filesystem::path> app_icon = std::nullopt;
  // app.security.assetProtocol while enabled, else null: image|from_path may read inside its scope
  // as well as in the app's folder (H5, desktop/image_resource.hpp readable_image_path).
  const webview::AssetProtocolConfig* asset_protocol = nullptr;
  // Opens the page Channel a call's argument names ("__CHANNEL__:<id>") for the calling page
  // (menu item actions, tray events); null when it names none or when unset (no page to reach).
  std::function<std::unique_ptr<plugin::ChannelSink>(std::string_view reference, const runtime::Caller& caller)>
      open_channel = nullptr;
  // The app's productName and version: what Menu.default()'s About item names.
  std::string app_name = {};
  std::string app_version = {};
  // The app menu and each window's menu (desktop/menu/window_menus.hpp); set by add_menu_commands.
  std::shared_ptr<menu::WindowMenus> menus = nullptr;
  // [main-thread] Called by open_window with every window it made and configured, before the
  // window is first shown (warden.windows/1's CREATED: a restored geometry applies without a
  // visible jump); unset: nothing is called.
  std::function<void(webview::AppWindow& window)> window_created = nullptr;
};

}  // namespace warden::desktop
