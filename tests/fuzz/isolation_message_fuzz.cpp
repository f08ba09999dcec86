// The isolation pattern's message parser. Random bytes almost never pass the GCM tag, so the
// input is taken as a plaintext and sealed under a fixed key first: what gets fuzzed is the
// envelope/payload parser behind the tag, which a holder of the key (the isolation frame, so
// the app's own hook code) controls. A body also goes through unsealed, for the length checks.
#include <cstddef>
#include <cstdint>
#include <span>

#include "ipc/aes_gcm.hpp"
#include "ipc/isolation_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const warden::ipc::IsolationKey key{7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                                             16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
  const std::array<uint8_t, warden::ipc::kAesGcmNonceSize> nonce{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  std::span<const uint8_t> plaintext(data, size);
  std::vector<uint8_t> body(nonce.begin(), nonce.end());
  auto sealed = warden::ipc::aes256gcm_seal(key, nonce, plaintext);
  body.insert(body.end(), sealed.begin(), sealed.end());
  (void)warden::ipc::open_isolation_message(key, body);
  (void)warden::ipc::open_isolation_message(key, plaintext);
  return 0;
}
