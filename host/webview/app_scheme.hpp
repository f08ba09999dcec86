#pragma once
// The `app` URI scheme: serves the app's frontend at app://localhost/<path> with its MIME type,
// 404 for anything missing or outside the frontend folder, and the app's CSP (completed as
// webview/csp.hpp says: hashes of an HTML document's inline scripts and styles, ipc: in
// connect-src, frame-ancestors) as a Content-Security-Policy header on every asset; with no app
// policy, the header holds frame-ancestors alone (when CspModification::frame_ancestors is set).
#include <optional>
#include <string>

#include "webview/csp.hpp"
#include "webview/frontend_assets.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class AppScheme {
 public:
  static constexpr const char* scheme = "app";
  static constexpr const char* host = "localhost";

  // `csp`: the app's policy, when it sets one (no header otherwise).
  AppScheme(FrontendAssets assets, std::optional<std::string> csp, CspModification modification = {});

  // The header value for an asset of type `mime_type` with these bytes; nullopt when there is
  // nothing to send (no app policy and no frame-ancestors).
  std::optional<std::string> csp_for(std::string_view mime_type, const std::vector<uint8_t>& bytes) const;

  // [main-thread] Answers one request.
  void handle(WebKitURISchemeRequest* request) const;

 private:
  FrontendAssets assets_;
  std::optional<CspPolicy> csp_;
  CspModification modification_;
};

}  // namespace warden::webview
