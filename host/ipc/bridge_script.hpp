#pragma once
// The bridge injected into every frame of a webview: bridge.js in the page's script world,
// completed with the labels of the window and webview it runs in. It reaches the host through the
// native function of Warden's web extension (docs/ipc.md); it holds nothing secret. Embedded at
// build time.
#include <optional>
#include <string>
#include <string_view>

#include "ipc/isolation_key.hpp"

namespace warden::ipc {

struct BridgeOptions {
  bool freeze_prototype = false;  // app.security.freezePrototype: freeze Object.prototype first
  // app.security.pattern "isolation": every call goes through the isolation frame, which seals it
  // with this key (the bridge itself never receives the key, only the flag).
  std::optional<IsolationKey> isolation_key;
};

// The bridge as JavaScript source, called with {currentWindow: {label}, currentWebview:
// {windowLabel, label}} built from the given labels (escaped as JSON), the freezePrototype flag and
// the isolation flag as arguments (never as globals).
std::string bridge_script(std::string_view window_label, std::string_view webview_label,
                          const BridgeOptions& options = {});

}  // namespace warden::ipc
