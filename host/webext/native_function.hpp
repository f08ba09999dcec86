#pragma once
// The native IPC function the extension defines in the page's script world of every frame:
//   __warden_ipc(command, contentType, body, headers, callback)
// body: a JSON string, an ArrayBuffer or a typed array (its bytes); headers: null or a flat array
// [name, value, ...] of strings; callback(status, contentType, value) gets the host's answer,
// value a string, or an ArrayBuffer for application/octet-stream. The call goes to the host as a
// user message (ipc/native_message.hpp) with the frame's origin, read by the extension in a script
// world of its own: nothing the page passes names its frame or origin.
//
// Each function belongs to one frame and to the window that frame shows when it is made: once the
// frame has a new window (a navigation, including the one that reuses the initial about:blank
// window), the old function throws, so a page that captured it cannot call as the frame's next
// document. Beyond app.ipc.maxCallsInFlight unanswered calls of a frame, a call is answered at once
// with 429 "too many calls in flight" and never sent.
#include <cstdint>

typedef struct _WebKitScriptWorld WebKitScriptWorld;
typedef struct _WebKitWebPage WebKitWebPage;
typedef struct _WebKitFrame WebKitFrame;

namespace warden::webext {

class FrameCalls;

// [main-thread] Defines the function in `frame`'s page world (`page_world`, WebKit's default),
// bound to its current window. `origin_world` is the extension's own world, where the origin is read.
void define_native_function(WebKitScriptWorld* page_world, WebKitScriptWorld* origin_world,
                            WebKitWebPage* page, WebKitFrame* frame, FrameCalls& calls);

}  // namespace warden::webext
