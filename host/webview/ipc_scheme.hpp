#pragma once
// The `ipc` URI scheme: `POST ipc://localhost/<command>` from any frame of a webview. The
// caller (window, webview, origin) comes from WebKit and the host's window table, never from
// the message. A request without the run's invoke key (only the bridge has it), or with a missing
// or opaque ("null") origin, is refused before the authority is asked. Every refusal is logged
// through log::denial (one line: command, window, webview, origin, status, reason).
//
// Under the isolation pattern (an isolation key given), the body must first be a message sealed
// by this run's isolation frame, fresh, for the URL's command and the request's origin
// (ipc/isolation_gate.hpp); it is checked before the invoke key, and a refusal is logged with
// its reason. The opened call then goes through every check above, as an unsealed one would; its
// caller headers come from the sealed message only (a request that also lists caller headers of
// its own is refused).
//
// Each webview may have at most `calls_in_flight` calls that the host has taken and not yet
// answered (app.ipc.maxCallsInFlight); a call beyond that is answered at once with 429 and the
// generic "too many calls in flight", before it is decoded, without a queue. The bridge's
// transport keeps to the same limit in each frame and refuses beyond it without sending, so a
// flood never reaches WebKit's IPC queues either; it reports how many it refused with its next
// request (header Warden-Refused-Calls). Both kinds of refusal go to the denial log through a
// DenialDigest: a flood makes a line a second, not one per call.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ipc/isolation_gate.hpp"
#include "runtime/ipc_limits.hpp"

#include "runtime/dispatcher.hpp"
#include "webview/denial_digest.hpp"
#include "webview/window_set.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class IpcScheme {
 public:
  static constexpr const char* scheme = "ipc";  // served at ipc::kIpcUrlPrefix

  IpcScheme(const WindowSet& windows, runtime::Dispatcher& dispatcher, std::string invoke_key,
            std::optional<ipc::IsolationKey> isolation_key = std::nullopt,
            size_t calls_in_flight = runtime::kDefaultCallsInFlight);

  // [main-thread] Starts answering one request; the answer comes later on the main thread.
  void handle(WebKitURISchemeRequest* request);

  // [main-thread] Answers every call of webview `label` still in flight with an error, now: its
  // web process died, so none may wait for its command or answer into the next page. The
  // commands' own answers, when they come, are dropped. Returns how many calls it settled.
  size_t settle_webview(const std::string& label, std::string_view reason);

 private:
  const WindowSet& windows_;
  runtime::Dispatcher& dispatcher_;
  std::string invoke_key_;
  struct InFlight {
    WebKitURISchemeRequest* request;  // referenced until answered
    std::string webview;
  };
  uint64_t next_call_ = 1;
  std::map<uint64_t, InFlight> in_flight_;
  size_t calls_in_flight_limit_;
  std::map<std::string, size_t> calls_in_flight_;  // per webview label; absent when none
  DenialDigest floods_;

  // Takes a call of `webview` into in_flight_, or false when it already has the limit.
  bool admit(const std::string& webview);
  void release(const std::string& webview);
  std::optional<ipc::IsolationGate> isolation_;
};

}  // namespace warden::webview
