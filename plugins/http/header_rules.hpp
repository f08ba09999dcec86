#pragma once
// Which request headers a page may set through fetch, and what a valid header is. The Fetch
// standard's forbidden request headers (https://fetch.spec.whatwg.org/#forbidden-request-header)
// are the ones a browser never lets a page choose, because they describe the connection or carry
// the user's ambient credentials; Tauri's plugin drops them unless the app is built with its
// `unsafe-headers` feature, Warden drops them unless the app config sets
// plugins.http.allowUnsafeHeaders (docs/plugins/http.md).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warden::http_plugin {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An RFC 9110 token (a header name or a method): one or more of !#$%&'*+-.^_`|~, digits, letters.
bool is_token(std::string_view text);

// A header value may not hold CR, LF or NUL (they would end the header or the request early).
bool is_valid_header_value(std::string_view value);

// The Fetch standard's forbidden request header: the names of its list, any Proxy-* and Sec-*
// name, and X-HTTP-Method(-Override) / X-Method-Override whose value names a forbidden method.
bool is_forbidden_header(std::string_view name, std::string_view value);

// CONNECT, TRACE and TRACK (any case): a page may never send them.
bool is_forbidden_method(std::string_view method);

// The method as sent: DELETE, GET, HEAD, OPTIONS, POST and PUT upper-cased (the Fetch standard's
// normalization), any other token as written.
std::string normalize_method(std::string_view method);

struct HeaderVerdict {
  HeaderList kept;                   // names lower-cased, values without surrounding blanks
  std::vector<std::string> dropped;  // forbidden names left out (for the log)
};

// The page's headers after the rules: throws std::invalid_argument naming the first header whose
// name is not a token or whose value holds CR, LF or NUL; drops forbidden ones unless
// `allow_unsafe`.
HeaderVerdict filter_request_headers(const HeaderList& headers, bool allow_unsafe);

// The value of the first header named `name` (lower case), if any.
std::optional<std::string> find_header(const HeaderList& headers, std::string_view name);

// A response header's bytes as text for the page: kept when they are UTF-8, else read as the
// Fetch standard's ByteString (each byte one code point U+0000..U+00FF, i.e. Latin-1) and written
// as UTF-8, so that a server's Latin-1 filename never makes the answer invalid JSON.
std::string header_text(std::string_view bytes);

// `headers` without those named `name` (lower case).
void remove_header(HeaderList& headers, std::string_view name);

}  // namespace warden::http_plugin
