#pragma once
// The updater's two HTTP requests through libcurl: the endpoint's JSON, and the archive streamed
// to a consumer. Every handle starts from the SDK's warden/curl_transfer.hpp, as the http
// plugin's do: TLS verification on (the trust store is libcurl's default, or the process's
// SSL_CERT_FILE / SSL_CERT_DIR), only the allowed protocols (also after a redirect); then at most
// 5 redirects and a size cap enforced as bytes arrive.
// [any-thread] blocking: call from a worker, never from the main thread.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "updater_config.hpp"

namespace warden::updater {

struct TransferOptions {
  HeaderList headers;
  std::optional<uint64_t> timeout_ms;
  std::optional<std::string> proxy;  // only when the app config allows a page's proxy
  bool insecure_transport = false;
};

struct JsonAnswer {
  long status = 0;
  std::string body;
};

// GET with Accept: application/json. Throws std::runtime_error on a transport failure or a body
// over `max_bytes`; any HTTP status is returned.
JsonAnswer get_json(const std::string& url, const TransferOptions& options, uint64_t max_bytes);

struct DownloadSink {
  std::function<void(std::optional<uint64_t> content_length)> started;  // before the first chunk
  std::function<void(std::string_view chunk)> chunk;                    // every byte, in order
};

// GET the archive; throws std::runtime_error when the status is not 2xx, the body passes
// `max_bytes` (or its Content-Length says it would), the connection ends before the announced
// length, or a sink function throws (its message kept).
void download(const std::string& url, const TransferOptions& options, uint64_t max_bytes, const DownloadSink& sink);

}  // namespace warden::updater
