#include "ipc/aes_gcm.hpp"

#include <openssl/evp.h>

#include <climits>
#include <memory>
#include <stdexcept>

namespace warden::ipc {
namespace {

struct CipherContextFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

CipherContext new_context() {
  CipherContext ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw std::runtime_error("AES-GCM: out of memory");
  return ctx;
}

}  // namespace

std::optional<std::vector<uint8_t>> aes256gcm_open(std::span<const uint8_t, 32> key,
                                                   std::span<const uint8_t, kAesGcmNonceSize> nonce,
                                                   std::span<const uint8_t> ciphertext_and_tag) {
  if (ciphertext_and_tag.size() < kAesGcmTagSize || ciphertext_and_tag.size() > INT_MAX) return std::nullopt;
  size_t text_size = ciphertext_and_tag.size() - kAesGcmTagSize;
  auto ctx = new_context();
  // The nonce length is set explicitly, so a change of OpenSSL's default cannot alter it.
  if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) != 1 ||
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) != 1)
    return std::nullopt;
  std::vector<uint8_t> plain(text_size + 16);
  int n = 0, tail = 0;
  if (text_size > 0 &&
      EVP_DecryptUpdate(ctx.get(), plain.data(), &n, ciphertext_and_tag.data(), static_cast<int>(text_size)) != 1)
    return std::nullopt;
  std::array<uint8_t, kAesGcmTagSize> tag;
  std::copy(ciphertext_and_tag.end() - kAesGcmTagSize, ciphertext_and_tag.end(), tag.begin());
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag.size()), tag.data()) != 1)
    return std::nullopt;
  // Final fails when the tag does not match: the decrypted bytes are then dropped.
  if (EVP_DecryptFinal_ex(ctx.get(), plain.data() + n, &tail) != 1) return std::nullopt;
  plain.resize(static_cast<size_t>(n + tail));
  return plain;
}

std::vector<uint8_t> aes256gcm_seal(std::span<const uint8_t, 32> key,
                                    std::span<const uint8_t, kAesGcmNonceSize> nonce,
                                    std::span<const uint8_t> plaintext) {
  if (plaintext.size() > INT_MAX - 32) throw std::invalid_argument("AES-GCM: plaintext too large");
  auto ctx = new_context();
  if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) != 1)
    throw std::runtime_error("AES-GCM: cannot initialise");
  std::vector<uint8_t> out(plaintext.size() + 16 + kAesGcmTagSize);
  int n = 0, tail = 0;
  if (!plaintext.empty() &&
      EVP_EncryptUpdate(ctx.get(), out.data(), &n, plaintext.data(), static_cast<int>(plaintext.size())) != 1)
    throw std::runtime_error("AES-GCM: encryption failed");
  if (EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &tail) != 1) throw std::runtime_error("AES-GCM: encryption failed");
  size_t text_size = static_cast<size_t>(n + tail);
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAesGcmTagSize, out.data() + text_size) != 1)
    throw std::runtime_error("AES-GCM: cannot read the tag");
  out.resize(text_size + kAesGcmTagSize);
  return out;
}

}  // namespace warden::ipc
