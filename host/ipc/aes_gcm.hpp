#pragma once
// AES-256-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext (the layout
// WebCrypto's AES-GCM encrypt produces), through OpenSSL's EVP interface.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace warden::ipc {

inline constexpr size_t kAesGcmNonceSize = 12;
inline constexpr size_t kAesGcmTagSize = 16;

// The plaintext, or nullopt when the tag does not verify (wrong key, altered bytes, truncated
// input). No partial plaintext is ever returned.
std::optional<std::vector<uint8_t>> aes256gcm_open(std::span<const uint8_t, 32> key,
                                                   std::span<const uint8_t, kAesGcmNonceSize> nonce,
                                                   std::span<const uint8_t> ciphertext_and_tag);

// ciphertext || tag. The caller must never use a nonce twice with one key.
std::vector<uint8_t> aes256gcm_seal(std::span<const uint8_t, 32> key,
                                    std::span<const uint8_t, kAesGcmNonceSize> nonce,
                                    std::span<const uint8_t> plaintext);

}  // namespace warden::ipc
