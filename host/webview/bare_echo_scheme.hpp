#pragma once
// A benchmarking aid, off unless `warden run --bare-echo-scheme` asks for it: the `bare` scheme
// answers `POST bare://localhost/` with the request's own body, on the main thread, with no
// decoding, authority or dispatch. It measures what WebKitGTK's custom-scheme round trip costs
// by itself, next to the same payload through Warden's native IPC. It reaches no command: a page gets back
// only the bytes it sent.
typedef struct _WebKitWebContext WebKitWebContext;

namespace warden::webview {

inline constexpr const char* kBareEchoScheme = "bare";

// [main-thread] Registers the scheme (secure and CORS-enabled, like `ipc`).
void register_bare_echo_scheme(WebKitWebContext* context);

}  // namespace warden::webview
