#pragma once
// The isolation pattern's key: 32 random bytes made at every `warden run`, used with AES-256-GCM.
// Only two places hold it: the host (to open messages, host/ipc/isolation_message.hpp) and the
// isolation runtime injected into isolation://localhost documents (isolation.js). The app's pages
// never receive it.
#include <array>
#include <cstdint>
#include <string>

namespace warden::ipc {

using IsolationKey = std::array<uint8_t, 32>;

// From the kernel's CSPRNG (getrandom). Throws std::runtime_error when it cannot supply the bytes
// (never a weaker fallback).
IsolationKey generate_isolation_key();

// "[1,2,...]": the bytes as a JavaScript array literal, for the isolation runtime's arguments.
std::string isolation_key_js_array(const IsolationKey& key);

}  // namespace warden::ipc
