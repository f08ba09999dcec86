// Warden's web-process extension: WebKit loads it into every web process of Warden's web context
// (webview/web_context.cpp names the folder) and calls the entry point below before any page
// loads. It defines the native IPC function (native_function.hpp) in every frame's page world as
// each new window appears. docs/ipc.md, "Choice", says why the IPC goes this way.
#include <cstring>

#include <webkit2/webkit-web-extension.h>

#include "ipc/native_message.hpp"
#include "webext/frame_calls.hpp"
#include "webext/native_function.hpp"

namespace {

struct Extension {
  WebKitScriptWorld* origin_world;  // the extension's own world, where frames' origins are read
  warden::webext::FrameCalls calls;
};

// The isolation frame's documents (isolation://) call nothing: they get no function. (The host
// would refuse them anyway: their origin is opaque.)
bool isolation_document(WebKitFrame* frame) {
  const char* uri = webkit_frame_get_uri(frame);
  return uri && std::strncmp(uri, "isolation:", 10) == 0;
}

void on_window_object_cleared(WebKitScriptWorld* world, WebKitWebPage* page, WebKitFrame* frame, gpointer data) {
  auto* extension = static_cast<Extension*>(data);
  if (isolation_document(frame)) return;
  warden::webext::define_native_function(world, extension->origin_world, page, frame, extension->calls);
}

}  // namespace

extern "C" G_MODULE_EXPORT void webkit_web_extension_initialize_with_user_data(WebKitWebExtension* web_extension,
                                                                                const GVariant* user_data) {
  auto* data = const_cast<GVariant*>(user_data);
  if (!data || !g_variant_is_of_type(data, G_VARIANT_TYPE(warden::ipc::kInitParameters))) {
    // Not started by a Warden host: define nothing, so every call fails loudly in the bridge.
    g_critical("warden-webext: started without Warden's initialization data; the native IPC is off");
    return;
  }
  guint64 limit = 0;
  const char* version = nullptr;
  g_variant_get(data, "(t&s)", &limit, &version);
  if (std::strcmp(version, WARDEN_WEBEXT_VERSION) != 0) {
    g_critical("warden-webext: built for Warden %s, started by Warden %s; the native IPC is off",
               WARDEN_WEBEXT_VERSION, version);
    return;
  }
  // One per web process, for its whole life (WebKit never unloads an extension).
  auto* extension = new Extension{webkit_script_world_new_with_name("warden-webext"), warden::webext::FrameCalls(limit)};
  g_signal_connect(webkit_script_world_get_default(), "window-object-cleared", G_CALLBACK(on_window_object_cleared),
                   extension);
  webkit_web_extension_send_message_to_context(web_extension, webkit_user_message_new(warden::ipc::kReadyMessage, nullptr),
                                               nullptr, nullptr, nullptr);
}
