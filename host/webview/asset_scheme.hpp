#pragma once
// The `asset` URI scheme: what @tauri-apps/api's convertFileSrc(path) points at
// (asset://localhost/<percent-encoded absolute path>), so a page can show a local image or play a
// local video without reading it through IPC. Off unless app.security.assetProtocol.enable is
// true, and then only for files its scope allows (the same path patterns and variables as the fs
// scope, deny wins), decided on the file's canonical path: a symlink inside the scope that points
// outside it is refused. GET and HEAD only; one byte range (206) for media seeking.
//
// Who may read: the app's own pages (app://localhost), and remote pages whose origin a capability
// with `remote.urls` grants to that webview; nothing for "null" (sandboxed and data: frames) or
// any other origin. A CORS request (fetch, XHR, <img crossorigin>) is judged by its Origin, which
// WebKit computes for the frame; loads without one (<img>, <video>, <audio>: WebKitGTK 2.50 sends
// neither Origin nor Referer nor Sec-Fetch-* with them, docs/bridge.md) by the origin of the
// webview's top-level document. Answers name the judged origin in Access-Control-Allow-Origin,
// never "*", so no other frame can read them.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/caller.hpp"

typedef struct _WebKitWebContext WebKitWebContext;
typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

class WindowSet;

// [main-thread] Whether the canonical absolute `path` is in the asset scope for `caller`: the
// config's scope, and what warden.grants/1 granted to the caller's window and origin.
using AssetScopeCheck = std::function<bool(const runtime::Caller& caller, const std::string& path)>;
// [main-thread] Whether a capability with `remote.urls` grants the remote `caller` (its window,
// webview and URL) to this app: the app's own origin needs no such grant.
using RemoteAssetGrant = std::function<bool(const runtime::Caller& caller)>;

inline constexpr const char* kAppOrigin = "app://localhost";

// The origin an asset request is judged as.
struct AssetRequestOrigin {
  std::string origin;
  bool from_header = false;  // a CORS request's Origin; false: the top-level document's
};
// From the request's Origin header (nullptr when absent) and the URL of its webview's top-level
// document. nullopt for an opaque origin ("null", a data: document) or when neither is known.
std::optional<AssetRequestOrigin> asset_request_origin(const char* origin_header, std::string_view top_url);

// A Range header's first range, resolved against a file of `size` bytes: [first, last].
struct ByteRange {
  uint64_t first = 0;
  uint64_t last = 0;
};
// nullopt when absent or unsatisfiable; only "bytes=a-b", "bytes=a-" and "bytes=-n".
std::optional<ByteRange> parse_byte_range(std::string_view header, uint64_t size);

// The file an asset URL's path names: percent-decoded, absolute; nullopt otherwise.
std::optional<std::string> asset_path_of(std::string_view url_path);

class AssetScheme {
 public:
  static constexpr const char* scheme = "asset";

  AssetScheme(AssetScopeCheck in_scope, const WindowSet& windows, RemoteAssetGrant remote_granted);
  void register_on(WebKitWebContext* context);
  void handle(WebKitURISchemeRequest* request);

 private:
  AssetScopeCheck in_scope_;
  const WindowSet& windows_;
  RemoteAssetGrant remote_granted_;
};

}  // namespace warden::webview
