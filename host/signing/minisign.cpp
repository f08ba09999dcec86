// Minisign's formats, read strictly (every field has a fixed size and place), and the decision.
// The behaviour follows minisign 0.11 and the minisign-verify crate Tauri uses: lines may end in
// CRLF, the comment prefixes are exact, the key id of the signature must be the key's, and the
// global signature must cover the trusted comment. Errors say which part is wrong, never what it
// held: a key or signature may come from the network.
#include "signing/minisign.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "signing/ed25519.hpp"
#include "signing/strict_base64.hpp"

namespace warden::signing {
namespace {

constexpr std::string_view kUntrustedPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::string_view kKeyAlgorithm = "Ed";
constexpr std::string_view kLegacyAlgorithm = "Ed";
constexpr std::string_view kPrehashedAlgorithm = "ED";
constexpr std::size_t kKeyBytes = 2 + 8 + 32;        // algorithm, key id, Ed25519 key
constexpr std::size_t kSignatureBytes = 2 + 8 + 64;  // algorithm, key id, Ed25519 signature
// Far above any real file (minisign caps a trusted comment at 8 KiB), far below harm.
constexpr std::size_t kMaxKeyText = 4096;
constexpr std::size_t kMaxSignatureText = 32768;

std::string_view trim_ascii_space(std::string_view s) {
  constexpr std::string_view space = " \t\r\n";
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(space) - first + 1);
}

// The lines of a minisign file: split at '\n', one trailing '\r' dropped from each (CRLF files),
// trailing empty lines dropped (a final newline, or a few).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

template <std::size_t N>
void copy_bytes(std::array<uint8_t, N>& to, std::string_view from) {
  std::memcpy(to.data(), from.data(), N);
}

// The text a Tauri-style value wraps: the whole value is the base64 of a minisign file.
std::optional<std::string> unwrapped_file(std::string_view value) {
  auto decoded = decode_base64_strict(trim_ascii_space(value));
  if (!decoded || !starts_with(*decoded, kUntrustedPrefix)) return std::nullopt;
  return decoded;
}

// ---- public keys ----------------------------------------------------------------------------

MinisignPublicKey key_from_bytes(std::string_view bytes) {
  if (bytes.size() != kKeyBytes)
    throw SignatureError("minisign public key: the key line does not hold a key (expected " +
                         std::to_string(kKeyBytes) + " bytes in base64)");
  if (bytes.substr(0, 2) != kKeyAlgorithm)
    throw SignatureError("minisign public key: the key is not an Ed25519 key (algorithm 'Ed' expected)");
  MinisignPublicKey key;
  copy_bytes(key.key_id, bytes.substr(2, 8));
  copy_bytes(key.ed25519, bytes.substr(10, 32));
  return key;
}

MinisignPublicKey key_from_line(std::string_view line) {
  auto bytes = decode_base64_strict(line);
  if (!bytes) throw SignatureError("minisign public key: the key line is not valid base64");
  return key_from_bytes(*bytes);
}

MinisignPublicKey key_from_file(std::string_view text) {
  const auto lines = lines_of(text);
  if (lines.size() != 2)
    throw SignatureError("minisign public key: a .pub file has two lines (the untrusted comment, the key), this has " +
                         std::to_string(lines.size()));
  return key_from_line(lines[1]);
}

// ---- signatures -----------------------------------------------------------------------------

MinisignSignature signature_from_file(std::string_view text) {
  const auto lines = lines_of(text);
  if (lines.size() != 4)
    throw SignatureError(
        "minisign signature: a .minisig file has four lines (untrusted comment, signature, trusted comment, "
        "global signature), this has " + std::to_string(lines.size()));
  if (!starts_with(lines[0], kUntrustedPrefix))
    throw SignatureError("minisign signature: line 1 does not start with 'untrusted comment: '");
  if (!starts_with(lines[2], kTrustedPrefix))
    throw SignatureError("minisign signature: line 3 does not start with 'trusted comment: '");
  for (auto line : lines)
    if (line.find('\0') != std::string_view::npos)
      throw SignatureError("minisign signature: a line holds a NUL byte");

  auto signature = decode_base64_strict(lines[1]);
  if (!signature) throw SignatureError("minisign signature: line 2 (the signature) is not valid base64");
  if (signature->size() != kSignatureBytes)
    throw SignatureError("minisign signature: line 2 does not hold a signature (expected " +
                         std::to_string(kSignatureBytes) + " bytes in base64)");
  MinisignSignature out;
  const std::string_view algorithm = std::string_view(*signature).substr(0, 2);
  if (algorithm == kPrehashedAlgorithm) out.prehashed = true;
  else if (algorithm == kLegacyAlgorithm) out.prehashed = false;
  else throw SignatureError("minisign signature: unknown signature algorithm ('ED' or 'Ed' expected)");
  copy_bytes(out.key_id, std::string_view(*signature).substr(2, 8));
  copy_bytes(out.signature, std::string_view(*signature).substr(10, 64));

  out.trusted_comment = std::string(lines[2].substr(kTrustedPrefix.size()));
  auto global = decode_base64_strict(lines[3]);
  if (!global) throw SignatureError("minisign signature: line 4 (the global signature) is not valid base64");
  if (global->size() != out.global_signature.size())
    throw SignatureError("minisign signature: line 4 does not hold a global signature (expected 64 bytes in base64)");
  copy_bytes(out.global_signature, *global);
  return out;
}

std::string hex_key_id(const std::array<uint8_t, 8>& id) {
  // minisign prints the id as a little-endian 64-bit number with printf's %X: the last byte
  // first, without leading zeros (one key in sixteen has a 15-digit id in its .pub comment).
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (auto it = id.rbegin(); it != id.rend(); ++it) {
    out.push_back(digits[*it >> 4]);
    out.push_back(digits[*it & 0xf]);
  }
  const auto first = out.find_first_not_of('0');
  return first == std::string::npos ? "0" : out.substr(first);
}

}  // namespace

std::string MinisignPublicKey::key_id_hex() const { return hex_key_id(key_id); }

MinisignPublicKey parse_public_key(std::string_view text) {
  if (text.size() > kMaxKeyText) throw SignatureError("minisign public key: too long to be a key");
  if (starts_with(text, kUntrustedPrefix)) return key_from_file(text);
  if (auto file = unwrapped_file(text)) return key_from_file(*file);
  const std::string_view line = trim_ascii_space(text);
  if (line.empty()) throw SignatureError("minisign public key: empty");
  if (decode_base64_strict(line)) return key_from_line(line);
  throw SignatureError(
      "minisign public key: not a .pub file, its key line, or the base64 of a .pub file (Tauri's pubkey)");
}

MinisignSignature parse_signature(std::string_view text) {
  if (text.size() > kMaxSignatureText) throw SignatureError("minisign signature: too long to be a signature");
  if (starts_with(text, kUntrustedPrefix)) return signature_from_file(text);
  if (auto file = unwrapped_file(text)) return signature_from_file(*file);
  if (trim_ascii_space(text).empty()) throw SignatureError("minisign signature: empty");
  throw SignatureError(
      "minisign signature: not a .minisig file or the base64 of one (the signature of Tauri's update JSON)");
}

// ---- verification ---------------------------------------------------------------------------

struct MinisignVerification::State {
  MinisignPublicKey key;
  MinisignSignature signature;
  std::optional<Blake2b512> hash;  // prehashed
  std::string data;                // legacy
  bool done = false;
};

MinisignVerification::MinisignVerification(const MinisignPublicKey& key, const MinisignSignature& signature)
    : state_(std::make_unique<State>()) {
  if (signature.key_id != key.key_id)
    throw SignatureError("the signature was made with the key " + hex_key_id(signature.key_id) +
                         ", not with the trusted key " + key.key_id_hex());
  state_->key = key;
  state_->signature = signature;
  if (signature.prehashed) state_->hash.emplace();
}

MinisignVerification::~MinisignVerification() = default;

void MinisignVerification::update(std::string_view data) {
  State& s = *state_;
  if (s.done) throw SignatureError("this signature verification is already finished");
  if (s.hash) return s.hash->update(data);
  if (data.size() > kMaxLegacyBytes - s.data.size()) {
    s.done = true;
    s.data = {};
    throw SignatureError("a legacy (not prehashed) minisign signature covers at most " +
                         std::to_string(kMaxLegacyBytes >> 20) + " MiB; sign with a current minisign (prehashed)");
  }
  s.data.append(data);
}

std::string MinisignVerification::finish() {
  State& s = *state_;
  if (s.done) throw SignatureError("this signature verification is already finished");
  s.done = true;
  const MinisignSignature& sig = s.signature;
  bool data_verifies = false;
  if (s.hash) {
    const auto digest = s.hash->finish();
    data_verifies = ed25519_verifies(s.key.ed25519, sig.signature,
                                     std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  } else {
    data_verifies = ed25519_verifies(s.key.ed25519, sig.signature, s.data);
    s.data = {};
  }
  if (!data_verifies)
    throw SignatureError("the signature does not verify: the data or the signature was altered");
  std::string signed_comment(reinterpret_cast<const char*>(sig.signature.data()), sig.signature.size());
  signed_comment += sig.trusted_comment;
  if (!ed25519_verifies(s.key.ed25519, sig.global_signature, signed_comment))
    throw SignatureError("the global signature does not verify: the trusted comment was altered");
  return sig.trusted_comment;
}

std::string verify(const MinisignPublicKey& key, const MinisignSignature& signature, std::string_view data) {
  MinisignVerification verification(key, signature);
  verification.update(data);
  return verification.finish();
}

std::string verify_file(const MinisignPublicKey& key, const MinisignSignature& signature,
                        const std::filesystem::path& file) {
  MinisignVerification verification(key, signature);
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SignatureError("cannot read " + file.string() + ": " + std::strerror(errno));
  std::vector<char> block(1 << 20);
  try {
    for (;;) {
      const ssize_t n = ::read(fd, block.data(), block.size());
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        throw SignatureError("cannot read " + file.string() + ": " + std::strerror(errno));
      }
      verification.update(std::string_view(block.data(), static_cast<std::size_t>(n)));
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return verification.finish();
}

}  // namespace warden::signing
