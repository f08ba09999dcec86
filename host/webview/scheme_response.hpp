#pragma once
// Finishing a WebKit custom-scheme request with a status, a content type and a body.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

typedef struct _WebKitURISchemeRequest WebKitURISchemeRequest;

namespace warden::webview {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Finishes `request` (takes the bytes; the request may belong to a closed webview, which WebKit
// ignores). Must run on the main thread.
void finish_request(WebKitURISchemeRequest* request, int status, const std::string& content_type,
                    std::vector<uint8_t> body, const HeaderList& headers = {});
void finish_request(WebKitURISchemeRequest* request, int status, const std::string& content_type,
                    std::string body, const HeaderList& headers = {});

}  // namespace warden::webview
