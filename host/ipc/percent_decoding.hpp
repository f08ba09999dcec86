#pragma once
// Percent-decoding of URL components (RFC 3986), strict: a malformed escape is an error.
#include <optional>
#include <string>
#include <string_view>

namespace warden::ipc {

// Decodes %XX escapes. Returns nullopt for a truncated or non-hex escape, or when the result
// contains a NUL byte (never valid in a command name or a file path).
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace warden::ipc
