#pragma once
// The user messages between Warden's web-process extension (host/webext) and the host
// (webview/ipc_receiver): one definition for both sides, so that neither can drift from the other.
// Header-only: the extension is a separate module that links none of the host's libraries.

namespace warden::ipc {

// A call, extension → host (webkit_web_page_send_message_to_view), answered with a reply.
inline constexpr const char* kCallMessage = "warden:ipc";
// (command, content type, caller headers as (lowercase name, value) pairs, body, the calling
// frame's origin as the extension read it, calls the extension refused in that frame since its
// last call (for the host's log)).
inline constexpr const char* kCallParameters = "(ssa(ss)ayst)";

// The reply: (HTTP-like status, content type, body). 2xx resolves the page's promise.
inline constexpr const char* kReplyMessage = "warden:ipc-reply";
inline constexpr const char* kReplyParameters = "(usay)";

// The extension's hello to the host (webkit_web_extension_send_message_to_context), once per web
// process: the host logs it, so a run's log says that the native path is in place.
inline constexpr const char* kReadyMessage = "warden:webext-ready";

// The extension's initialization data (webkit_web_context_set_web_extensions_initialization_user_data):
// (app.ipc.maxCallsInFlight, the host's version: the extension refuses to start for another one).
inline constexpr const char* kInitParameters = "(ts)";

// The name of the native function in each frame's window. The bridge takes it at document start and
// deletes it from the window; a page script that got it first can only make calls as its own frame.
inline constexpr const char* kNativeFunctionName = "__warden_ipc";

// The extension's library, in its own folder (WebKit loads every library of that folder).
inline constexpr const char* kExtensionFileName = "libwarden-webext.so";

}  // namespace warden::ipc
