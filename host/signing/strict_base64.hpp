#pragma once
// Base64 (RFC 4648, standard alphabet, padded) read strictly: a signature's fields have fixed
// sizes, so anything a lenient decoder would skip or repair (whitespace, a missing '=', other
// alphabets, non-zero bits after the last byte) is a malformed field, not something to guess at.
#include <optional>
#include <string>
#include <string_view>

namespace warden::signing {

// The bytes `text` encodes, or nullopt when it is empty or not canonical base64.
std::optional<std::string> decode_base64_strict(std::string_view text);

}  // namespace warden::signing
