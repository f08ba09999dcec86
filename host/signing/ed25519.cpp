#include "signing/ed25519.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>

#include "signing/minisign.hpp"

namespace warden::signing {
namespace {

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

// OpenSSL's failures are ours to report: its queue must not leak into unrelated later calls.
[[noreturn]] void openssl_failed(const char* what) {
  ERR_clear_error();
  throw SignatureError(std::string("OpenSSL could not ") + what);
}

}  // namespace

bool ed25519_verifies(const std::array<uint8_t, 32>& public_key, const std::array<uint8_t, 64>& signature,
                      std::string_view message) {
  std::unique_ptr<EVP_PKEY, PkeyFree> key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  if (!key) openssl_failed("load the Ed25519 public key");
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1)
    openssl_failed("start an Ed25519 verification");
  const int verdict = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                                       reinterpret_cast<const unsigned char*>(message.data()), message.size());
  ERR_clear_error();  // a refused signature queues an error too
  return verdict == 1;
}

struct Blake2b512::Context {
  MdCtx ctx{EVP_MD_CTX_new()};
};

Blake2b512::Blake2b512() : context_(std::make_unique<Context>()) {
  if (!context_->ctx || EVP_DigestInit_ex(context_->ctx.get(), EVP_blake2b512(), nullptr) != 1)
    openssl_failed("start a BLAKE2b-512 hash");
}

Blake2b512::~Blake2b512() = default;

void Blake2b512::update(std::string_view data) {
  if (EVP_DigestUpdate(context_->ctx.get(), data.data(), data.size()) != 1) openssl_failed("hash the data");
}

std::array<uint8_t, 64> Blake2b512::finish() {
  std::array<uint8_t, 64> digest{};
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_->ctx.get(), digest.data(), &size) != 1 || size != digest.size())
    openssl_failed("finish the BLAKE2b-512 hash");
  return digest;
}

}  // namespace warden::signing
