#pragma once
// The bridge injected into every frame of a webview, in two halves (docs/security.md, "Invoke
// key"): bridge.js in the page's script world, completed with the labels of the window and webview
// it runs in, and bridge_transport.js in Warden's own script world (kBridgeWorld), completed with
// the run's invoke key. Both embedded at build time.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ipc/isolation_key.hpp"

namespace warden::ipc {

// The WebKit script world of the transport half: page scripts cannot reach its objects.
inline constexpr const char* kBridgeWorld = "warden-bridge";

struct BridgeOptions {
  std::string invoke_key;         // sent with every IPC request; kept in the transport's closure only
  bool freeze_prototype = false;  // app.security.freezePrototype: freeze Object.prototype first
  // app.security.pattern "isolation": every call goes through the isolation frame, which seals it
  // with this key (the bridge itself never receives the key, only the flag).
  std::optional<IsolationKey> isolation_key;
  // app.ipc.maxCallsInFlight: the transport refuses a frame's calls beyond this many unanswered
  // ones at once, without sending them (the host keeps the same limit per webview).
  size_t calls_in_flight = 1024;
};

// The page half as JavaScript source, called with {currentWindow: {label}, currentWebview:
// {windowLabel, label}} built from the given labels (escaped as JSON) and the freezePrototype flag
// as arguments (never as globals). It holds nothing secret.
std::string bridge_script(std::string_view window_label, std::string_view webview_label,
                          const BridgeOptions& options = {});

// The transport half, for kBridgeWorld: called with the invoke key, whether the isolation
// pattern is on and the limit of calls in flight, as arguments (so only its closure holds the key).
std::string bridge_transport_script(const BridgeOptions& options);

}  // namespace warden::ipc
