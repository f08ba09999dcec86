#pragma once
// Validates JSON text without building a document: the IPC layer must know that arguments and
// results are well-formed, but the command (or the page) parses them itself, so building a
// boost::json::value only to throw it away would parse every payload twice.
#include <string_view>

namespace warden::ipc {

enum class JsonShape { invalid, object, other };

// What `text` is: not JSON (or nested deeper than boost::json::parse's default of 32), a JSON
// object, or another JSON value.
JsonShape check_json(std::string_view text);

inline bool is_json(std::string_view text) { return check_json(text) != JsonShape::invalid; }

}  // namespace warden::ipc
