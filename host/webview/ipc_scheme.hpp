#pragma once
// The `ipc` URI scheme: `POST ipc://localhost/<command>` from any frame of a webview. The
// caller (window, webview, origin) comes from WebKit and the host's window table, never from
// the message. A request without the run's invoke key (only the bridge has it), or with a missing
// or opaque ("null") origin, is refused before the authority is asked. Every refusal is logged
// through log::denial (one line: command, window, webview, origin, status, reason).
#include <string>

#include "runtime/dispatcher.hpp"
#include "webview/window_set.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class IpcScheme {
 public:
  static constexpr const char* scheme = "ipc";
  static constexpr const char* host = "localhost";

  IpcScheme(const WindowSet& windows, runtime::Dispatcher& dispatcher, std::string invoke_key);

  // [main-thread] Starts answering one request; the answer comes later on the main thread.
  void handle(WebKitURISchemeRequest* request);

 private:
  const WindowSet& windows_;
  runtime::Dispatcher& dispatcher_;
  std::string invoke_key_;
};

}  // namespace warden::webview
