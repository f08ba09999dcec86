#pragma once
// The two primitives minisign needs, from OpenSSL 3: Ed25519 verification and BLAKE2b-512
// (the hash a prehashed signature signs). Kept apart so minisign.cpp reads as the format only.
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace warden::signing {

// True when `signature` is a valid Ed25519 signature of `message` by `public_key`. Throws
// SignatureError only when OpenSSL cannot run the check at all (it leaves no error queued).
bool ed25519_verifies(const std::array<uint8_t, 32>& public_key, const std::array<uint8_t, 64>& signature,
                      std::string_view message);

// BLAKE2b-512 of data given piece by piece.
class Blake2b512 {
 public:
  Blake2b512();
  ~Blake2b512();
  Blake2b512(const Blake2b512&) = delete;
  Blake2b512& operator=(const Blake2b512&) = delete;

  void update(std::string_view data);
  std::array<uint8_t, 64> finish();  // once

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace warden::signing
