#include "webview/web_context.hpp"

#include <webkit2/webkit2.h>

namespace warden::webview {

WebContext::WebContext(AppScheme& app, IpcScheme& ipc) : context_(webkit_web_context_new_ephemeral()) {
  webkit_web_context_register_uri_scheme(
      context_, AppScheme::scheme,
      +[](WebKitURISchemeRequest* r, gpointer self) { static_cast<AppScheme*>(self)->handle(r); }, &app, nullptr);
  webkit_web_context_register_uri_scheme(
      context_, IpcScheme::scheme,
      +[](WebKitURISchemeRequest* r, gpointer self) { static_cast<IpcScheme*>(self)->handle(r); }, &ipc, nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context_);
  for (const char* s : {AppScheme::scheme, IpcScheme::scheme}) {
    webkit_security_manager_register_uri_scheme_as_secure(security, s);
    webkit_security_manager_register_uri_scheme_as_cors_enabled(security, s);
  }
  // A remote page framing app://localhost/x.html got a frame with the app's local grants, and
  // could navigate a window to an app page with data of its choosing (issue 13, findings 6, 10).
  webkit_security_manager_register_uri_scheme_as_display_isolated(security, AppScheme::scheme);
}

WebContext::~WebContext() { g_object_unref(context_); }

}  // namespace warden::webview
