#pragma once
// One IPC call as the WebView sent it (through Warden's web extension, docs/ipc.md): a command name
// with either a JSON body (the arguments object) or raw bytes (application/octet-stream).
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace warden::ipc {

struct InvokeRequest {
  std::string command;          // "plugin:<plugin>|<command>" or a bare app command name
  std::string args_json;        // a JSON object; "{}" when the body is binary
  std::string body;             // the raw bytes when the caller sent binary
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

// Headers the page passed with invoke(cmd, args, {headers}), named by the bridge in
// kCallerHeadersHeader: lowercase name, value.
using CallerHeaders = std::vector<std::pair<std::string, std::string>>;

// The bridge's header listing the caller's header names ("path,options").
inline constexpr const char* kCallerHeadersHeader = "Warden-Caller-Headers";

// At most this many caller headers per call.
inline constexpr size_t kMaxCallerHeaders = 32;

// Splits kCallerHeadersHeader's value into names; nullopt when a name is not an HTTP token,
// is repeated, or there are more than kMaxCallerHeaders.
std::optional<std::vector<std::string>> parse_caller_header_names(std::string_view value);

// Why a caller header cannot be handed to a command, or nullopt when it can: the name must be an
// HTTP token of at most 64 characters and the value printable ASCII (or tab), since commands
// read them as plain strings. The same rule for headers sent as HTTP headers and for those
// sealed by the isolation frame.
std::optional<std::string> caller_header_problem(std::string_view name, std::string_view value);

// Why a call's caller headers as the bridge sent them (name, value pairs) cannot be handed to a
// command, or nullopt when they can: lowercase HTTP-token names, each once, at most
// kMaxCallerHeaders, values as caller_header_problem wants them.
std::optional<std::string> caller_headers_problem(const CallerHeaders& headers);

// Decodes a call from its command name (as the page wrote it), its content type and its body, as
// below.
std::variant<InvokeRequest, DecodeError> decode_invoke_call(std::string command, std::string_view content_type,
                                                            std::string body, const CallerHeaders& caller_headers = {});

// Decodes a request from the path of its URL (everything after the host, with the leading
// '/', no query), its Content-Type header and its body.
// JSON bodies must be a JSON object; an empty body means "{}". A binary body's arguments are the
// caller's headers, as an object of strings (Tauri hands a raw-body command its request headers:
// that is how @tauri-apps/plugin-fs passes a path next to the bytes it writes).
std::variant<InvokeRequest, DecodeError> decode_invoke_request(std::string_view url_path,
                                                               std::string_view content_type,
                                                               std::string body,
                                                               const CallerHeaders& caller_headers = {});

}  // namespace warden::ipc
