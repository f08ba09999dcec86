#pragma once
// The WebKit web context shared by the app's windows: the `app` scheme registered, marked secure
// (so pages on it are secure contexts) and CORS-enabled, and display-isolated: only app://
// documents may show app:// URLs, so a remote page can neither frame the app's pages nor navigate
// a window to one (WebKit refuses before any request; the host's own loads are not a page's and
// still work). Every web process of the context loads Warden's web extension (the native IPC,
// docs/ipc.md), started with the run's call limit.
#include <cstddef>
#include <filesystem>
#include <string>

#include "webview/app_scheme.hpp"

typedef struct _WebKitWebContext WebKitWebContext;

namespace warden::webview {

struct WebExtensionSetup {
  std::filesystem::path folder;  // find_web_extension's answer
  size_t calls_in_flight;        // app.ipc.maxCallsInFlight, which the extension keeps per frame
  std::string host_version;      // the extension refuses to start for another one
};

class WebContext {
 public:
  // [main-thread] The scheme must outlive the context.
  WebContext(AppScheme& app, const WebExtensionSetup& extension);
  ~WebContext();
  WebContext(const WebContext&) = delete;
  WebContext& operator=(const WebContext&) = delete;

  WebKitWebContext* get() const { return context_; }

 private:
  WebKitWebContext* context_;
};

}  // namespace warden::webview
