// Placeholder until the verifier lands (issue 20): every verification refuses.
#include "signing/minisign.hpp"

namespace warden::signing {

namespace {
[[noreturn]] void not_yet() { throw SignatureError("minisign verification is not implemented yet"); }
}  // namespace

std::string MinisignPublicKey::key_id_hex() const { not_yet(); }
MinisignPublicKey parse_public_key(std::string_view) { not_yet(); }
MinisignSignature parse_signature(std::string_view) { not_yet(); }

struct MinisignVerification::State {};
MinisignVerification::MinisignVerification(const MinisignPublicKey&, const MinisignSignature&) { not_yet(); }
MinisignVerification::~MinisignVerification() = default;
void MinisignVerification::update(std::string_view) { not_yet(); }
std::string MinisignVerification::finish() { not_yet(); }

std::string verify(const MinisignPublicKey&, const MinisignSignature&, std::string_view) { not_yet(); }
std::string verify_file(const MinisignPublicKey&, const MinisignSignature&, const std::filesystem::path&) {
  not_yet();
}

}  // namespace warden::signing
