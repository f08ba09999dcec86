#pragma once
// What a redirect does to the request, after the Fetch standard's HTTP-redirect fetch
// (https://fetch.spec.whatwg.org/#http-redirect-fetch): the plugin follows redirects itself, one
// hop at a time, so that each Location is judged by the scope before anything connects to it.
#include <string>
#include <string_view>

#include <warden/fetch_headers.hpp>

namespace warden::http_plugin {

// 301, 302, 303, 307 and 308: the statuses whose Location is followed.
bool is_redirect_status(long status);

struct RedirectedRequest {
  std::string method;
  bool keeps_body = true;
};

// 303 turns any method but HEAD into GET, 301 and 302 turn POST into GET; a request that becomes
// GET loses its body. 307 and 308 keep both.
RedirectedRequest redirected_request(std::string_view method, long status);

// The request headers for the next hop: a request that lost its body loses the headers that
// described it (Content-Type, Content-Encoding, Content-Language, Content-Location); a hop to
// another origin loses the credentials the page set for the first (Authorization, Cookie,
// Proxy-Authorization), as a browser does. Names are lower case.
void headers_for_redirect(HeaderList& headers, bool body_dropped, bool cross_origin);

// The number of hops followed when the page gives none: reqwest's default, which Tauri uses.
inline constexpr long kDefaultMaxRedirections = 10;

}  // namespace warden::http_plugin
