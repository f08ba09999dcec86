#include "webview/scheme_response.hpp"

#include <webkit2/webkit2.h>

namespace warden::webview {

namespace {

// WebKit reads the body from a stream over a GBytes that owns the container, so the bytes are
// never copied on this side.
template <class Container>
void finish_owned(WebKitURISchemeRequest* request, int status, const std::string& content_type, Container body,
                  const HeaderList& headers) {
  auto* owned = new Container(std::move(body));
  GBytes* bytes = g_bytes_new_with_free_func(owned->data(), owned->size(),
                                             [](gpointer p) { delete static_cast<Container*>(p); }, owned);
  GInputStream* stream = g_memory_input_stream_new_from_bytes(bytes);
  WebKitURISchemeResponse* response =
      webkit_uri_scheme_response_new(stream, static_cast<gint64>(g_bytes_get_size(bytes)));
  webkit_uri_scheme_response_set_status(response, static_cast<guint>(status), nullptr);
  webkit_uri_scheme_response_set_content_type(response, content_type.c_str());
  SoupMessageHeaders* h = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  // Also as a header: WebKit takes the type from the header list once one is set.
  soup_message_headers_replace(h, "Content-Type", content_type.c_str());
  for (const auto& [name, value] : headers) soup_message_headers_append(h, name.c_str(), value.c_str());
  webkit_uri_scheme_response_set_http_headers(response, h);  // takes ownership of h
  webkit_uri_scheme_request_finish_with_response(request, response);
  g_object_unref(response);
  g_object_unref(stream);
  g_bytes_unref(bytes);
}

}  // namespace

void finish_request(WebKitURISchemeRequest* request, int status, const std::string& content_type,
                    std::vector<uint8_t> body, const HeaderList& headers) {
  finish_owned(request, status, content_type, std::move(body), headers);
}

void finish_request(WebKitURISchemeRequest* request, int status, const std::string& content_type,
                    std::string body, const HeaderList& headers) {
  finish_owned(request, status, content_type, std::move(body), headers);
}

}  // namespace warden::webview
