#pragma once
// One IPC call as the WebView sent it: `POST ipc://localhost/<percent-encoded command>` with
// either a JSON body (the arguments object) or raw bytes (application/octet-stream).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace warden::ipc {

struct InvokeRequest {
  std::string command;          // "plugin:<plugin>|<command>" or a bare app command name
  std::string args_json;        // a JSON object; "{}" when the body is binary
  std::vector<uint8_t> body;    // the raw bytes when the caller sent binary
  bool binary = false;
};

// Why a request was refused before it reached the authority. `message` is safe to show
// to the WebView.
struct DecodeError {
  std::string message;
};

// Splits a plugin command name: "plugin:fs|read_file" -> {"fs", "read_file"};
// a bare app command -> {"", name}.
struct CommandName {
  std::string plugin;
  std::string command;
};

// Checks and splits a command name: plugin names [a-z0-9-] (not starting or ending with '-'),
// command names [A-Za-z0-9_] (app commands also allow '-'); anything else is rejected.
std::variant<CommandName, DecodeError> parse_command_name(std::string_view name);

// Decodes a request from the path of its URL (everything after the host, with the leading
// '/', no query), its Content-Type header and its body.
// JSON bodies must be a JSON object; an empty body means "{}".
std::variant<InvokeRequest, DecodeError> decode_invoke_request(std::string_view url_path,
                                                               std::string_view content_type,
                                                               std::vector<uint8_t> body);

}  // namespace warden::ipc
