#pragma once
// The script injected into every frame of a webview (bridge.js, embedded at build time),
// completed with the labels of the window and webview it runs in and the run's invoke key.
#include <optional>
#include <string>
#include <string_view>

#include "ipc/isolation_key.hpp"

namespace warden::ipc {

struct BridgeOptions {
  std::string invoke_key;         // sent with every IPC request; kept in the bridge's closure only
  bool freeze_prototype = false;  // app.security.freezePrototype: freeze Object.prototype first
  // app.security.pattern "isolation": every call goes through the isolation frame, which seals it
  // with this key (the bridge itself never receives the key, only the flag).
  std::optional<IsolationKey> isolation_key;
};

// The bridge as JavaScript source, called with {currentWindow: {label}, currentWebview:
// {windowLabel, label}} built from the given labels (escaped as JSON), the invoke key, the
// freezePrototype flag and whether the isolation pattern is on, as arguments (never as globals).
std::string bridge_script(std::string_view window_label, std::string_view webview_label,
                          const BridgeOptions& options = {});

}  // namespace warden::ipc
