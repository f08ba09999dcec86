#pragma once
// The `isolation` URI scheme: serves the isolation app (app.security.pattern.options.dir) at
// isolation://localhost/<path>, an origin of its own, never the app's. Only GET/HEAD; 404 outside
// the folder. Every asset carries a fixed Content-Security-Policy that lets the isolation app load
// its own scripts and styles and connect nowhere: its one job is to check and seal calls.
// The key is not served here (it is in a user script injected into these documents only), so a
// page that fetches or frames isolation:// gets nothing secret.
#include "webview/frontend_assets.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;
typedef struct _WebKitWebContext WebKitWebContext;

namespace warden::webview {

class IsolationScheme {
 public:
  static constexpr const char* scheme = "isolation";
  static constexpr const char* host = "localhost";
  static constexpr const char* csp =
      "default-src 'none'; script-src isolation:; style-src isolation:; img-src isolation:";

  explicit IsolationScheme(FrontendAssets assets) : assets_(std::move(assets)) {}

  // [main-thread] Registers the scheme (as secure, so the frame may use WebCrypto) on `context`;
  // this object must outlive it.
  void register_on(WebKitWebContext* context);

  // [main-thread] Answers one request.
  void handle(WebKitURISchemeRequest* request) const;

 private:
  FrontendAssets assets_;
};

}  // namespace warden::webview
