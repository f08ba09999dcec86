#pragma once
// The URL of an IPC request: ipc://localhost/<command>[?query][#fragment].
#include <optional>
#include <string>
#include <string_view>

namespace warden::ipc {

inline constexpr std::string_view kIpcUrlPrefix = "ipc://localhost/";

// The path of an IPC URL as WebKit serializes it (leading "/" kept, still percent-encoded);
// nullopt for any other scheme, host, port or user info. WebKit has already parsed and
// normalized the URL, so a prefix test is the whole host check.
std::optional<std::string> ipc_url_path(std::string_view url);

}  // namespace warden::ipc
