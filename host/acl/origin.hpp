#pragma once
// The host's one definition of a URL's origin, serialized as a browser serializes it (the Origin
// header WebKit sends, `new URL(u).origin`), so an origin the host computes and one WebKit
// reports compare byte for byte:
//
//   origin_of_url("HTTPS://User:pw@Tauri.App:443/x?y")  // "https://tauri.app"  (userinfo and
//                                                       //  the default port dropped)
//   origin_of_url("http://[0:0::1]:8080/")              // "http://[::1]:8080"
//   origin_of_url("app://localhost/index.html")         // "app://localhost"
//   origin_of_url("blob:https://a.com/0c1d")            // "https://a.com"
//   origin_of_url("data:text/html,hi")                  // "null"
//
// "scheme://host[:port]": lowercase scheme; for http, https, ws, wss and ftp the host as the URL
// parser canonicalizes it (lowercase, IPv4/IPv6 normalized, a trailing dot kept) and the
// scheme's default port dropped; for other schemes with a host (the app's own app://localhost,
// custom schemes) the host as written (the standard's opaque host keeps its case) and any port.
// Everything else has an opaque origin, serialized "null": data:, about:, javascript:, mailto:,
// file: (the standard leaves its origin to the browser; opaque is the safe choice, never equal to
// any other), a URL with an empty host, a URL that does not parse. A sandboxed frame's origin is
// opaque too, but that is the frame's property, not its URL's: WebKit reports it as "null".
#include <string>
#include <string_view>

namespace warden::acl {

// An opaque origin's serialization: equal to no real origin, not even another opaque one.
inline constexpr std::string_view kOpaqueOrigin = "null";

// Never throws but bad_alloc.
std::string origin_of_url(std::string_view url);

// Whether `url` is on `origin` exactly (a longer host, another port or scheme is not). `origin`
// is serialized (as origin_of_url or WebKit give it); an opaque origin contains no URL.
bool url_has_origin(std::string_view url, std::string_view origin);

}  // namespace warden::acl
