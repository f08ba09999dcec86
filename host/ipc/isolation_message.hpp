#pragma once
// One IPC call sealed by the isolation frame (the isolation pattern, docs/security.md).
//
// Request body (Content-Type: application/x-warden-isolation):
//   nonce (12 random bytes) || AES-256-GCM(key, nonce, plaintext) || tag (16 bytes)
// Plaintext:
//   envelope || '\n' || payload
// where the envelope is one line of JSON (JSON.stringify never writes a raw newline)
//   {"cmd": "<command>", "origin": "<origin the isolation frame saw>",
//    "time": <ms since the Unix epoch>, "contentType": "application/json" | "application/octet-stream",
//    "headers": {"<lowercase name>": "<value>", ...}}
// and the payload is the arguments as the bridge would have sent them unsealed (JSON text or raw
// bytes). `headers` (optional, none when absent) are the caller's headers as the isolation hook
// left them (invoke(cmd, bytes, {headers}): plugin-fs sends a written file's path this way); under
// the isolation pattern the host takes caller headers from here only. Everything but the nonce is
// inside the authenticated ciphertext.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "ipc/aes_gcm.hpp"
#include "ipc/invoke_request.hpp"
#include "ipc/isolation_key.hpp"

namespace warden::ipc {

inline constexpr const char* kIsolationContentType = "application/x-warden-isolation";

using IsolationNonce = std::array<uint8_t, kAesGcmNonceSize>;

struct IsolationMessage {
  IsolationNonce nonce{};
  std::string command;
  std::string origin;
  int64_t time_ms = 0;
  std::string content_type;    // of the payload: application/json or application/octet-stream
  CallerHeaders headers;       // lowercase names, each once
  std::vector<uint8_t> payload;
};

// Why a sealed message was refused; `reason` is for the log (never the key or the plaintext).
struct IsolationError {
  std::string reason;
};

// Decrypts and parses a request body. Refuses a body too short to hold nonce and tag, one whose
// tag does not verify under `key`, and a plaintext whose envelope is not as described above
// (headers included: an object of at most kMaxCallerHeaders strings, names HTTP tokens each
// once whatever their case, values as caller_header_problem() accepts).
std::variant<IsolationMessage, IsolationError> open_isolation_message(const IsolationKey& key,
                                                                      std::span<const uint8_t> body);

// The inverse, as the isolation runtime builds it (tests and tools; the host never seals).
std::vector<uint8_t> seal_isolation_message(const IsolationKey& key, const IsolationNonce& nonce,
                                            const IsolationMessage& message);

}  // namespace warden::ipc
