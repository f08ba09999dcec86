#pragma once
// The WebKit web context shared by the app's windows: the `app` and `ipc` schemes registered,
// both marked secure (so pages on them are secure contexts) and CORS-enabled (so fetch() sends
// the calling frame's Origin). `app` is also display-isolated: only app:// documents may show
// app:// URLs, so a remote page can neither frame the app's pages nor navigate a window to one
// (WebKit refuses before any request; the host's own loads are not a page's and still work).
#include "webview/app_scheme.hpp"
#include "webview/ipc_scheme.hpp"

typedef struct _WebKitWebContext WebKitWebContext;

namespace warden::webview {

class WebContext {
 public:
  // [main-thread] The schemes must outlive the context.
  WebContext(AppScheme& app, IpcScheme& ipc);
  ~WebContext();
  WebContext(const WebContext&) = delete;
  WebContext& operator=(const WebContext&) = delete;

  WebKitWebContext* get() const { return context_; }

 private:
  WebKitWebContext* context_;
};

}  // namespace warden::webview
