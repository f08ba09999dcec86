#pragma once
// The `asset` URI scheme: what @tauri-apps/api's convertFileSrc(path) points at
// (asset://localhost/<percent-encoded absolute path>), so a page can show a local image or play a
// local video without reading it through IPC. Off unless app.security.assetProtocol.enable is
// true, and then only for files its scope allows (the same path patterns and variables as the fs
// scope, deny wins), decided on the file's canonical path: a symlink inside the scope that points
// outside it is refused. GET and HEAD only; one byte range (206) for media seeking.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

typedef struct _WebKitWebContext WebKitWebContext;
typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

// [main-thread] Whether the canonical absolute `path` is in the asset scope.
using AssetScopeCheck = std::function<bool(const std::string& path)>;

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

  explicit AssetScheme(AssetScopeCheck in_scope);
  void register_on(WebKitWebContext* context);
  void handle(WebKitURISchemeRequest* request);

 private:
  AssetScopeCheck in_scope_;
};

}  // namespace warden::webview
