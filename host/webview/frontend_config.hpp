#pragma once
// What the WebView side needs from warden.conf.json (same keys as tauri.conf.json):
// identifier, productName, version, app.windows[], bundle.icon, build.frontendDist, app.security.{csp, devCsp,
// dangerousDisableAssetCspModification, freezePrototype, pattern} and Warden's
// app.security.frameAncestors.
// The ACL part of the file (capabilities, plugins) is read by host/acl.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "webview/window_config.hpp"

namespace warden::webview {

struct FrontendConfig {
  std::string identifier;
  std::string product_name;  // productName, else the identifier
  std::string version = "0.0.0";
  std::vector<WindowConfig> windows;         // at least one ("main" when the file lists none)
  std::filesystem::path frontend_dist;       // absolute; build.frontendDist against the app folder
  std::optional<std::string> csp;            // app.security.csp (a string, or an object of directives)
  std::optional<std::string> dev_csp;        // app.security.devCsp (`warden run --dev`; else csp)
  // app.security.dangerousDisableAssetCspModification: true, or the directives the host must not
  // add to (hashes of inline scripts/styles, ipc: in connect-src).
  bool csp_modification_disabled = false;
  std::vector<std::string> csp_modification_disabled_directives;
  bool freeze_prototype = false;             // app.security.freezePrototype
  // app.security.frameAncestors: the CSP sources that may frame the app's pages, sent as
  // frame-ancestors unless the app's csp has its own. Default: the app's own origin only.
  std::vector<std::string> frame_ancestors{"'self'"};
  // app.security.pattern {use: "isolation", options: {dir}}: the isolation app's folder (absolute,
  // `dir` against the app folder; it must hold index.html). Unset for "brownfield" (the default).
  std::optional<std::filesystem::path> isolation_dir;
  // The app's window icon, as Tauri picks it on Linux: bundle.icon's first ".png" entry, else
  // icons/icon.png; against the app folder, and only when that file exists.
  std::optional<std::filesystem::path> window_icon;
};

// Throws std::runtime_error naming `source` and the offending key.
FrontendConfig parse_frontend_config(std::string_view json_text, const std::string& source,
                                     const std::filesystem::path& app_dir);

}  // namespace warden::webview
