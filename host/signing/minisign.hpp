#pragma once
// Minisign signatures (Ed25519; https://jedisct1.github.io/minisign/ describes the formats), the
// one verifier of the project: the updater plugin checks an update archive with it before anything
// is replaced, and plugin binaries' signatures will be checked with it too. OpenSSL does the
// cryptography (Ed25519, BLAKE2b-512); this file only reads the formats and decides.
//
// Keys and signatures are accepted as minisign writes them and as Tauri's config and update JSON
// carry them (base64 of the whole minisign file), so that a key made by `minisign -G` or by
// `tauri signer generate` works unchanged.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warden::signing {

// Every refusal: a malformed key or signature, another key, a signature that does not verify.
// The message says which, without echoing the input.
class SignatureError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MinisignPublicKey {
  std::array<uint8_t, 8> key_id{};    // as stored in the file (little-endian)
  std::array<uint8_t, 32> ed25519{};  // the raw public key
  std::string key_id_hex() const;     // as minisign prints it: upper-case hex, no leading zeros
};

struct MinisignSignature {
  bool prehashed = true;  // "ED": the BLAKE2b-512 of the data was signed; "Ed" (legacy): the data
  std::array<uint8_t, 8> key_id{};
  std::array<uint8_t, 64> signature{};
  std::string trusted_comment;                 // the text after "trusted comment: "
  std::array<uint8_t, 64> global_signature{};  // over signature || trusted_comment
};

// Any of: a minisign .pub file's text ("untrusted comment: ...\n<base64>\n"), its key line alone
// (what `minisign -P` takes), or the base64 of the whole .pub file (Tauri's `pubkey`).
// Throws SignatureError.
MinisignPublicKey parse_public_key(std::string_view text);

// A .minisig file's four lines, or the base64 of that file (the `signature` of Tauri's update
// JSON). Throws SignatureError.
MinisignSignature parse_signature(std::string_view text);

// Data fed piece by piece (a download as it arrives, a file read in blocks), decided at finish().
// A prehashed signature keeps only the running hash; a legacy one keeps the data, refused past
// kMaxLegacyBytes.
class MinisignVerification {
 public:
  static constexpr uint64_t kMaxLegacyBytes = 64ull << 20;

  // Throws SignatureError at once when the signature names another key id than `key`.
  MinisignVerification(const MinisignPublicKey& key, const MinisignSignature& signature);
  ~MinisignVerification();
  MinisignVerification(const MinisignVerification&) = delete;
  MinisignVerification& operator=(const MinisignVerification&) = delete;

  void update(std::string_view data);
  // Returns the trusted comment once both the data's signature and the global signature (which
  // authenticates the trusted comment) verify; throws SignatureError otherwise. Call once.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One-shot forms of the above. Each returns the verified trusted comment or throws SignatureError
// (verify_file also when the file cannot be read, naming it).
std::string verify(const MinisignPublicKey& key, const MinisignSignature& signature, std::string_view data);
std::string verify_file(const MinisignPublicKey& key, const MinisignSignature& signature,
                        const std::filesystem::path& file);

}  // namespace warden::signing
