#pragma once
// An app's warden.conf.json, read once and parsed once into everything the host takes from it:
// the WebView's part (identifier, windows, frontend, CSP, isolation), app.ipc, the asset
// protocol, navigation, the ACL's part (capabilities, plugins.<name>.path and .sha256), the
// plugins' own configs, and the app's own library (app.library, docs/app-commands.md).
// `warden run`, `doctor`, every `acl` command, `permission ls` and `plugin ls --app` take this one
// AppConfig, so none of them reads the file again nor understands it differently.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "acl/app_config.hpp"
#include "plugin/plugin_folder.hpp"
#include "runtime/ipc_limits.hpp"
#include "webview/asset_protocol_config.hpp"
#include "webview/frontend_config.hpp"
#include "webview/navigation_policy.hpp"

namespace warden::cli {

// app.library: the app's own commands (un-prefixed, governed by its permissions/).
struct AppLibraryConfig {
  std::string library;                // as written
  std::optional<std::string> sha256;  // app.sha256: the library's pin
};

struct AppConfig {
  std::filesystem::path dir;   // absolute
  std::filesystem::path file;  // dir/warden.conf.json
  webview::FrontendConfig frontend;
  runtime::IpcLimits ipc;
  webview::AssetProtocolConfig asset_protocol;
  webview::NavigationConfig navigation;
  acl::AppConfig acl;
  boost::json::object plugin_configs;  // the `plugins` object; each init gets plugin_own_config
  std::optional<AppLibraryConfig> app_library;
  // app.singleInstance: a later `warden run` of this app by the same user hands its arguments to
  // the running one and exits (docs/single-instance.md). Off unless the config says true.
  bool single_instance = false;

  // The libraries the app loads with these plugin folders. app.library: a path with a '/' is
  // taken against the app folder; a bare file name is looked for in the app folder, then in each
  // plugin folder in order (a build puts app libraries next to the plugins).
  plugin::AppPlugins plugins(const std::vector<std::filesystem::path>& folders) const;
};

// Reads DIR/warden.conf.json. Throws acl::Error or std::runtime_error naming the file and key.
AppConfig load_app_config(const std::filesystem::path& dir);

// The same when DIR has a warden.conf.json; nullopt when it has none (an app folder of only
// capabilities/ and permissions/, which the acl commands accept).
std::optional<AppConfig> load_app_config_if_present(const std::filesystem::path& dir);

}  // namespace warden::cli
