#pragma once
// The host's end of the native IPC (docs/ipc.md, "Choice"): every call a page makes arrives as a
// user message from Warden's web-process extension (host/webext) on the webview whose page made it,
// with the calling frame's origin as the extension read it. The caller (window, webview, origin)
// comes from that webview, the host's window table and the extension, never from what the page
// passed. Only the extension can send user messages, so no key is needed. A call with a missing or
// opaque ("null") origin is refused before the authority is asked. Every refusal is logged through
// log::denial (one line: command, window, webview, origin, status, reason).
//
// Under the isolation pattern (an isolation key given), the body must first be a message sealed
// by this run's isolation frame, fresh, for the call's command and the frame's origin
// (ipc/isolation_gate.hpp). The opened call then goes through every check above, as an unsealed
// one would; its caller headers come from the sealed message only (a call that also carries caller
// headers of its own is refused).
//
// Each webview may have at most `calls_in_flight` calls that the host has taken and not yet
// answered (app.ipc.maxCallsInFlight); a call beyond that is answered at once with 429 and the
// generic "too many calls in flight", before it is decoded, without a queue. The extension keeps
// to the same limit in each frame and refuses beyond it without sending, so a flood never reaches
// WebKit's IPC queues either; it reports how many it refused with its next call. Both kinds of
// refusal go to the denial log through a DenialDigest: a flood makes a line a second, not one per call.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ipc/invoke_response.hpp"
#include "ipc/isolation_gate.hpp"
#include "runtime/dispatcher.hpp"
#include "runtime/ipc_limits.hpp"
#include "webview/denial_digest.hpp"
#include "webview/window_set.hpp"

typedef struct _WebKitWebView WebKitWebView;
typedef struct _WebKitUserMessage WebKitUserMessage;

namespace warden::webview {

class IpcReceiver {
 public:
  IpcReceiver(const WindowSet& windows, runtime::Dispatcher& dispatcher,
              std::optional<ipc::IsolationKey> isolation_key = std::nullopt,
              size_t calls_in_flight = runtime::kDefaultCallsInFlight);

  // [main-thread] A user message `message` reached `view`: false when it is not an IPC call (another
  // handler may take it); else starts answering it (the answer comes later, on the main thread).
  bool handle(WebKitWebView* view, WebKitUserMessage* message);

  // [main-thread] Answers every call of webview `label` still in flight with an error, now: its
  // web process died, so none may wait for its command or answer into the next page. The
  // commands' own answers, when they come, are dropped. Returns how many calls it settled.
  size_t settle_webview(const std::string& label, std::string_view reason);

  // [main-thread] How many calls of webview `label` wait for their commands' answers now.
  size_t calls_in_flight(const std::string& label) const;

 private:
  const WindowSet& windows_;
  runtime::Dispatcher& dispatcher_;
  struct InFlight {
    WebKitUserMessage* message;  // referenced until answered
    std::string webview;
  };
  uint64_t next_call_ = 1;
  std::map<uint64_t, InFlight> in_flight_;
  size_t calls_in_flight_limit_;
  std::map<std::string, size_t> calls_in_flight_;  // per webview label; absent when none
  DenialDigest floods_;
  std::optional<ipc::IsolationGate> isolation_;

  // Takes a call of `webview` into in_flight_, or false when it already has the limit.
  bool admit(const std::string& webview);
  void release(const std::string& webview);
};

// [main-thread] Replies to `message` with `response` (status, content type, body; the body is moved
// into the reply, not copied). A message of a closed webview is answered too: WebKit drops it.
void reply_to_call(WebKitUserMessage* message, ipc::InvokeResponse response);

}  // namespace warden::webview
