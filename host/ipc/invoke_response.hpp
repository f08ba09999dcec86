#pragma once
// What the host answers to one IPC call. The bridge resolves the promise for 2xx and rejects
// it otherwise, with the body decoded by its Content-Type (JSON value, ArrayBuffer or text).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace warden::ipc {

struct InvokeResponse {
  int status = 200;
  std::string content_type;     // "application/json", "application/octet-stream", ...
  std::string body;            // bytes, JSON text for application/json

  // A JSON value (already serialized; `json` must be valid JSON).
  static InvokeResponse json(std::string json);
  // Raw bytes, delivered to JS as an ArrayBuffer.
  static InvokeResponse bytes(std::string data);
  // A rejection whose value is the string `message` (what @tauri-apps/api callers expect
  // from a command error). `status` says which kind: 400 bad request, 403 denied,
  // 404 unknown command, 500 command failed.
  static InvokeResponse error(int status, std::string_view message);
};

}  // namespace warden::ipc
