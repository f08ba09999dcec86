#pragma once
// The `app` URI scheme: serves the app's frontend at app://localhost/<path> with its MIME type,
// 404 for anything missing or outside the frontend folder, and the app's CSP on HTML.
#include <optional>
#include <string>

#include "webview/frontend_assets.hpp"

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class AppScheme {
 public:
  static constexpr const char* scheme = "app";
  static constexpr const char* host = "localhost";

  // `csp`: the Content-Security-Policy header for HTML documents, when the app sets one.
  AppScheme(FrontendAssets assets, std::optional<std::string> csp);

  // [main-thread] Answers one request.
  void handle(WebKitURISchemeRequest* request) const;

 private:
  FrontendAssets assets_;
  std::optional<std::string> csp_;
};

}  // namespace warden::webview
