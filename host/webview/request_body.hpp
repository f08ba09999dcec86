#pragma once
// Reading the body of a WebKit custom-scheme request (a POST from fetch).
#include <optional>
#include <string>

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;
typedef struct _GInputStream GInputStream;

namespace warden::webview {

// The whole body (bytes, held in a std::string like every IPC payload); empty when there is none,
// nullopt when the stream fails. Main thread (the stream is read synchronously: WebKit has the
// body in memory already).
std::optional<std::string> read_request_body(WebKitURISchemeRequest* request);

// The rest of `stream` (what read_request_body does with the request's stream); nullopt when a
// read fails. Does not close or unref the stream.
std::optional<std::string> read_body_stream(GInputStream* stream);

}  // namespace warden::webview
