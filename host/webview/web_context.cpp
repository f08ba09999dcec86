#include "webview/web_context.hpp"

#include <string_view>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "ipc/native_message.hpp"

namespace warden::webview {

WebContext::WebContext(AppScheme& app, const WebExtensionSetup& extension) : context_(webkit_web_context_new_ephemeral()) {
  webkit_web_context_register_uri_scheme(
      context_, AppScheme::scheme,
      +[](WebKitURISchemeRequest* r, gpointer self) { static_cast<AppScheme*>(self)->handle(r); }, &app, nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context_);
  webkit_security_manager_register_uri_scheme_as_secure(security, AppScheme::scheme);
  webkit_security_manager_register_uri_scheme_as_cors_enabled(security, AppScheme::scheme);
  // A remote page framing app://localhost/x.html got a frame with the app's local grants, and
  // could navigate a window to an app page with data of its choosing (issue 13, findings 6, 10).
  webkit_security_manager_register_uri_scheme_as_display_isolated(security, AppScheme::scheme);

  // Before any webview exists, so that every web process starts with the extension.
  webkit_web_context_set_web_extensions_directory(context_, extension.folder.c_str());
  webkit_web_context_set_web_extensions_initialization_user_data(
      context_, g_variant_new(ipc::kInitParameters, static_cast<guint64>(extension.calls_in_flight),
                              extension.host_version.c_str()));
  g_signal_connect(context_, "user-message-received", G_CALLBACK(+[](WebKitWebContext*, WebKitUserMessage* m, gpointer) -> gboolean {
                     const char* name = webkit_user_message_get_name(m);
                     if (!name || std::string_view(name) != ipc::kReadyMessage) return FALSE;
                     spdlog::debug("web extension: running in a new web process");
                     return TRUE;
                   }),
                   nullptr);
}

WebContext::~WebContext() { g_object_unref(context_); }

}  // namespace warden::webview
