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
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "ipc/isolation_gate.hpp"

#include "runtime/dispatcher.hpp"
#include "webview/window_set.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class IpcScheme {
 public:
  static constexpr const char* scheme = "ipc";  // served at ipc::kIpcUrlPrefix

  IpcScheme(const WindowSet& windows, runtime::Dispatcher& dispatcher, std::string invoke_key,
            std::optional<ipc::IsolationKey> isolation_key = std::nullopt);

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
  std::optional<ipc::IsolationGate> isolation_;
};

}  // namespace warden::webview
