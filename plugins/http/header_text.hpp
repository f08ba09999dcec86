#pragma once
// A response header's bytes as text for the page. The request side's rules (forbidden headers,
// tokens, methods) are the SDK's warden/fetch_headers.hpp, shared with the updater.
#include <string>
#include <string_view>

#include <warden/fetch_headers.hpp>

namespace warden::http_plugin {

// Kept when they are UTF-8, else read as the Fetch standard's ByteString (each byte one code
// point U+0000..U+00FF, i.e. Latin-1) and written as UTF-8, so that a server's Latin-1 filename
// never makes the answer invalid JSON.
std::string header_text(std::string_view bytes);

}  // namespace warden::http_plugin
