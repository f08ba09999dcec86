#pragma once
// The invoke key: a random secret made once per `warden run`, given only to the bridge (a
// closure variable of the user script) and required on every IPC request, so that a request the
// bridge did not make (a page's raw fetch to ipc://) is refused before the authority is asked.
#include <string>
#include <string_view>

namespace warden::ipc {

// The request header that carries the key (the name Tauri uses).
inline constexpr const char* kInvokeKeyHeader = "Tauri-Invoke-Key";
// How many calls the bridge's transport refused in its frame (too many in flight) since its last
// request: it sends the count with the next request, for the host's log. Trusted as far as the
// invoke key is (the transport sets it; a page cannot name it among its caller headers).
inline constexpr const char* kRefusedCallsHeader = "Warden-Refused-Calls";

// 32 bytes from the kernel's CSPRNG (getrandom), as 64 lowercase hex digits. Throws
// std::runtime_error when the kernel cannot supply them (never a weaker fallback).
std::string generate_invoke_key();

// Constant-time comparison (the time depends only on the lengths, which are public).
bool invoke_key_matches(std::string_view expected, std::string_view given);

}  // namespace warden::ipc
