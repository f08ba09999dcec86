// The minisign verifier against Debian's minisign: keys and signatures are made at test time,
// each verifies as a file, as bytes and streamed in odd pieces; every alteration (data, signature,
// trusted comment, global signature, another key, malformed text) is refused with a message that
// says what failed without echoing the input; Tauri's base64-wrapped forms are read; a 200 MiB
// file verifies in bounded memory.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <string>

#include "minisign_tool.hpp"
#include "signing/minisign.hpp"
#include "temp_dir.hpp"

using namespace warden::signing;
using namespace warden::signing::test;
using warden::test::read_file;
using warden::test::TempDir;
using warden::test::write_file;

namespace {

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// The message of the SignatureError `f` throws; fails the test when it throws nothing.
std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const SignatureError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no SignatureError";
  return {};
}

std::string line_of(const std::string& text, int n) {
  std::size_t start = 0;
  for (int i = 0; i < n; ++i) start = text.find('\n', start) + 1;
  return text.substr(start, text.find('\n', start) - start);
}

std::string replace_line(const std::string& text, int n, const std::string& with) {
  std::size_t start = 0;
  for (int i = 0; i < n; ++i) start = text.find('\n', start) + 1;
  std::string out = text;
  out.replace(start, text.find('\n', start) - start, with);
  return out;
}

// Feeds `data` in pieces of 1, 7, 4096+3, 65537... bytes.
std::string verify_in_pieces(const MinisignPublicKey& key, const MinisignSignature& sig, std::string_view data) {
  MinisignVerification v(key, sig);
  const std::size_t sizes[] = {1, 7, 4099, 65537, 13};
  std::size_t at = 0;
  for (int i = 0; at < data.size(); ++i) {
    const std::size_t n = std::min(sizes[i % 5], data.size() - at);
    v.update(data.substr(at, n));
    at += n;
  }
  return v.finish();
}

long peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  throw std::runtime_error("no VmHWM in /proc/self/status");
}

class Minisign : public ::testing::Test {
 protected:
  void SetUp() override {
    keys = make_key_pair(dir.path, "app");
    other = make_key_pair(dir.path, "other");
    // Bytes of every value, a NUL and a CR LF among them, in a size no block divides.
    for (int i = 0; i < 300001; ++i) data.push_back(static_cast<char>((i * 131 + i / 7) & 0xff));
    data_file = dir.write("update.tar.gz", data);
    prehashed_sig = sign(keys, data_file, "timestamp:1700000000\tfile:update.tar.gz\tversion:1.2.3");
    legacy_sig = sign(keys, data_file, "legacy signature", true, dir / "update.tar.gz.legacy.minisig");
    key = parse_public_key(read_file(keys.pub));
  }

  MinisignSignature signature(const std::filesystem::path& file) { return parse_signature(read_file(file)); }

  TempDir dir{"warden-signing-test"};
  KeyPair keys, other;
  std::string data;
  std::filesystem::path data_file, prehashed_sig, legacy_sig;
  MinisignPublicKey key;
};

TEST_F(Minisign, APrehashedSignatureVerifiesAsFileBytesAndPieces) {
  const auto sig = signature(prehashed_sig);
  EXPECT_TRUE(sig.prehashed);
  const std::string comment = "timestamp:1700000000\tfile:update.tar.gz\tversion:1.2.3";
  EXPECT_EQ(verify_file(key, sig, data_file), comment);
  EXPECT_EQ(verify(key, sig, data), comment);
  EXPECT_EQ(verify_in_pieces(key, sig, data), comment);
}

TEST_F(Minisign, ALegacySignatureVerifiesAsFileBytesAndPieces) {
  const auto sig = signature(legacy_sig);
  EXPECT_FALSE(sig.prehashed);
  EXPECT_EQ(verify_file(key, sig, data_file), "legacy signature");
  EXPECT_EQ(verify(key, sig, data), "legacy signature");
  EXPECT_EQ(verify_in_pieces(key, sig, data), "legacy signature");
}

TEST_F(Minisign, KeyIdPrintsAsMinisignPrintsIt) {
  // minisign writes "untrusted comment: minisign public key <ID>" in the .pub file.
  const std::string comment = line_of(read_file(keys.pub), 0);
  EXPECT_EQ(comment, "untrusted comment: minisign public key " + key.key_id_hex());
  EXPECT_LE(key.key_id_hex().size(), 16u);
}

TEST_F(Minisign, AKeyIdWithZeroHighDigitsPrintsWithoutThem) {
  // minisign's %X drops leading zeros; the id's last byte is its most significant.
  auto key_line = [](const std::string& id) {
    return base64("Ed" + id + std::string(32, '\x11'));
  };
  EXPECT_EQ(parse_public_key(key_line(std::string("\x01\x02\x03\x04\x05\x06\x07\x0a", 8))).key_id_hex(),
            "A07060504030201");
  EXPECT_EQ(parse_public_key(key_line(std::string("\xab\0\0\0\0\0\0\0", 8))).key_id_hex(), "AB");
  EXPECT_EQ(parse_public_key(key_line(std::string(8, '\0'))).key_id_hex(), "0");
  EXPECT_EQ(parse_public_key(key_line(std::string("\x01\x02\x03\x04\x05\x06\x07\xf0", 8))).key_id_hex(),
            "F007060504030201");
}

TEST_F(Minisign, EmptyDataVerifies) {
  const auto empty = dir.write("empty", "");
  const auto sig = parse_signature(read_file(sign(keys, empty, "nothing")));
  EXPECT_EQ(verify_file(key, sig, empty), "nothing");
  EXPECT_EQ(verify(key, sig, ""), "nothing");
}

TEST_F(Minisign, TheKeyLineAloneAndCrlfFilesAreRead) {
  const std::string pub = read_file(keys.pub);
  const auto line_key = parse_public_key(line_of(pub, 1));  // what `minisign -P` takes
  EXPECT_EQ(line_key.key_id, key.key_id);
  EXPECT_EQ(line_key.ed25519, key.ed25519);
  EXPECT_EQ(parse_public_key("  " + line_of(pub, 1) + "\n").ed25519, key.ed25519);

  auto crlf = [](std::string text) {
    for (std::size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 2) text.insert(at, "\r");
    return text;
  };
  EXPECT_EQ(parse_public_key(crlf(pub)).ed25519, key.ed25519);
  const auto sig = parse_signature(crlf(read_file(prehashed_sig)));
  EXPECT_EQ(verify(key, sig, data), "timestamp:1700000000\tfile:update.tar.gz\tversion:1.2.3");  // no '\r' kept
}

TEST_F(Minisign, TaurisBase64WrappedKeyAndSignatureAreRead) {
  // plugins.updater.pubkey is the base64 of the whole .pub file; the update JSON's signature the
  // base64 of the whole .minisig file.
  const std::string pubkey = base64(read_file(keys.pub));
  const std::string json_signature = base64(read_file(prehashed_sig));
  const auto wrapped_key = parse_public_key(pubkey);
  EXPECT_EQ(wrapped_key.ed25519, key.ed25519);
  EXPECT_EQ(verify(wrapped_key, parse_signature(json_signature), data),
            "timestamp:1700000000\tfile:update.tar.gz\tversion:1.2.3");
  EXPECT_EQ(parse_public_key(pubkey + "\n").key_id, key.key_id);  // a config value's newline
  EXPECT_EQ(verify(key, parse_signature(base64(read_file(legacy_sig))), data), "legacy signature");
  // Wrapped once only: the base64 of the base64 is not a signature.
  EXPECT_NE(refusal([&] { parse_signature(base64(json_signature)); }), "");
}

TEST_F(Minisign, AlteredDataIsRefused) {
  for (const auto& file : {prehashed_sig, legacy_sig}) {
    const auto sig = signature(file);
    std::string altered = data;
    altered[123457] ^= 0x01;
    EXPECT_EQ(refusal([&] { verify(key, sig, altered); }),
              "the signature does not verify: the data or the signature was altered");
    EXPECT_NE(refusal([&] { verify(key, sig, data + "x"); }), "");
    EXPECT_NE(refusal([&] { verify(key, sig, data.substr(1)); }), "");
    const auto altered_file = dir.write("altered", altered);
    EXPECT_NE(refusal([&] { verify_file(key, sig, altered_file); }), "");
    EXPECT_FALSE(minisign_accepts(keys, altered_file, file));
  }
}

TEST_F(Minisign, AlteredSignatureOrGlobalSignatureIsRefused) {
  for (const auto& file : {prehashed_sig, legacy_sig}) {
    for (int byte : {0, 31, 32, 63}) {
      auto sig = signature(file);
      sig.signature[byte] ^= 0x80;
      EXPECT_EQ(refusal([&] { verify(key, sig, data); }),
                "the signature does not verify: the data or the signature was altered");
      sig = signature(file);
      sig.global_signature[byte] ^= 0x80;
      EXPECT_EQ(refusal([&] { verify(key, sig, data); }),
                "the global signature does not verify: the trusted comment was altered");
    }
  }
}

TEST_F(Minisign, AlteredTrustedCommentIsRefusedByUsAndByMinisign) {
  const std::string text = read_file(prehashed_sig);
  for (const char* forged : {"trusted comment: timestamp:1700000000\tfile:update.tar.gz\tversion:9.9.9",
                                    "trusted comment: ", "trusted comment: timestamp:1700000000\tfile:update.tar.gz\tversion:1.2.3 "}) {
    const std::string altered = replace_line(text, 2, std::string(forged));
    const auto altered_file = dir.write("forged.minisig", altered);
    EXPECT_EQ(refusal([&] { verify(key, parse_signature(altered), data); }),
              "the global signature does not verify: the trusted comment was altered");
    EXPECT_FALSE(minisign_accepts(keys, data_file, altered_file));
  }
}

TEST_F(Minisign, SwitchingPrehashedAndLegacyIsRefused) {
  auto sig = signature(prehashed_sig);
  sig.prehashed = false;  // a downgrade: the BLAKE2b signature checked over the raw data
  EXPECT_NE(refusal([&] { verify(key, sig, data); }), "");
  sig = signature(legacy_sig);
  sig.prehashed = true;
  EXPECT_NE(refusal([&] { verify(key, sig, data); }), "");
  // The same, in the text: the algorithm bytes "ED" <-> "Ed" sit in the first base64 digits.
  const std::string text = read_file(prehashed_sig);
  std::string relabelled = line_of(text, 1);
  ASSERT_EQ(relabelled.substr(0, 2), "RU");  // "ED..." in base64
  relabelled[1] = 'W';                       // "Ed..."
  EXPECT_NE(refusal([&] { verify(key, parse_signature(replace_line(text, 1, relabelled)), data); }), "");
}

TEST_F(Minisign, AnotherKeyIsRefused) {
  const auto other_key = parse_public_key(read_file(other.pub));
  const auto sig = signature(prehashed_sig);
  EXPECT_EQ(refusal([&] { verify(other_key, sig, data); }),
            "the signature was made with the key " + key.key_id_hex() + ", not with the trusted key " +
                other_key.key_id_hex());
  // Another key claiming this key's id: the id is a label, the Ed25519 check decides.
  auto impostor = other_key;
  impostor.key_id = key.key_id;
  EXPECT_EQ(refusal([&] { verify(impostor, sig, data); }),
            "the signature does not verify: the data or the signature was altered");
  // A signature by the other key, relabelled with this key's id.
  auto foreign = parse_signature(read_file(sign(other, data_file, "other", false, dir / "other.minisig")));
  foreign.key_id = key.key_id;
  EXPECT_NE(refusal([&] { verify(key, foreign, data); }), "");
}

TEST_F(Minisign, MalformedKeysAreRefusedWithoutEchoingThem) {
  const std::string pub = read_file(keys.pub);
  const std::string line = line_of(pub, 1);
  const std::string marker = "EVILMARKER";
  const std::vector<std::string> bad = {
      "",
      "\n\n",
      marker,
      line.substr(0, line.size() - 4),                     // truncated
      line + "AAAA",                                       // too long
      line.substr(0, 10) + "!" + line.substr(11),          // not base64
      line.substr(0, 20) + " " + line.substr(21),          // a space inside
      "untrusted comment: " + marker + "\n",               // no key line
      "untrusted comment: x\n" + line + "\n" + line + "\n",  // a third line
      "untrusted comment: x\n" + marker + "\n",
      "untrusted comment: x\n" + base64("Ex" + std::string(40, 'k')) + "\n",  // another algorithm
      base64("untrusted comment: " + marker + "\nnot a key\n"),
      std::string(5000, 'A'),
  };
  for (const auto& text : bad) {
    const std::string why = refusal([&] { parse_public_key(text); });
    EXPECT_EQ(why.rfind("minisign public key: ", 0), 0u) << why;
    EXPECT_EQ(why.find(marker), std::string::npos) << why;
  }
}

TEST_F(Minisign, MalformedSignaturesAreRefusedWithoutEchoingThem) {
  const std::string text = read_file(prehashed_sig);
  const std::string marker = "EVILMARKER";
  const std::string sig_line = line_of(text, 1), global_line = line_of(text, 3);
  const std::vector<std::string> bad = {
      "",
      marker,
      text.substr(0, text.size() / 2),                                      // truncated
      replace_line(text, 0, "untrusted: " + marker),                        // comment prefix
      replace_line(text, 2, "trusted: " + marker),                          // trusted prefix
      replace_line(text, 2, "trusted comment:x"),                           // the space is part of it
      replace_line(text, 1, sig_line.substr(0, sig_line.size() - 4)),       // short signature
      replace_line(text, 1, sig_line + "AAAA"),                             // long signature
      replace_line(text, 1, marker + sig_line.substr(marker.size())),       // another algorithm
      replace_line(text, 1, sig_line.substr(0, 50) + "*" + sig_line.substr(51)),
      replace_line(text, 3, global_line.substr(0, 86)),                     // short global signature
      replace_line(text, 3, global_line.substr(0, 85) + "B=="),             // non-canonical padding
      replace_line(text, 2, std::string("trusted comment: a\0b", 20)),      // a NUL
      text + marker + "\n",                                                 // a fifth line
      base64(marker),
      std::string(40000, 'A'),
  };
  for (const auto& t : bad) {
    const std::string why = refusal([&] { verify(key, parse_signature(t), data); });
    EXPECT_FALSE(why.empty());
    EXPECT_EQ(why.find(marker), std::string::npos) << why;
  }
  // A file ending without a newline, or with extra blank lines, is still the same file.
  EXPECT_NO_THROW(verify(key, parse_signature(text.substr(0, text.size() - 1)), data));
  EXPECT_NO_THROW(verify(key, parse_signature(text + "\n\n"), data));
}

TEST_F(Minisign, AVerificationIsFinishedOnce) {
  MinisignVerification v(key, signature(prehashed_sig));
  v.update(data);
  EXPECT_NO_THROW(v.finish());
  EXPECT_EQ(refusal([&] { v.finish(); }), "this signature verification is already finished");
  EXPECT_EQ(refusal([&] { v.update("more"); }), "this signature verification is already finished");
}

TEST_F(Minisign, AnUnreadableFileIsNamed) {
  const auto missing = dir / "no-such-archive.tar.gz";
  EXPECT_EQ(refusal([&] { verify_file(key, signature(prehashed_sig), missing); }),
            "cannot read " + missing.string() + ": No such file or directory");
  EXPECT_EQ(refusal([&] { verify_file(key, signature(prehashed_sig), dir.path); }).rfind("cannot read ", 0), 0u);
}

void make_sparse(const std::filesystem::path& file, off_t size, std::string_view tail) {
  write_file(file, "");
  std::filesystem::resize_file(file, static_cast<std::uintmax_t>(size) - tail.size());
  std::ofstream(file, std::ios::binary | std::ios::app) << tail;
}

TEST_F(Minisign, A200MiBFileVerifiesInBoundedMemory) {
  const auto big = dir / "big.bin";
  make_sparse(big, off_t{200} << 20, "the end");
  const auto sig = parse_signature(read_file(sign(keys, big, "big")));
  const long before = peak_rss_kib();
  EXPECT_EQ(verify_file(key, sig, big), "big");
  const long grown = peak_rss_kib() - before;
  EXPECT_LT(grown, 16 * 1024) << "verifying 200 MiB raised the peak memory by " << grown << " KiB";
  std::ofstream(big, std::ios::binary | std::ios::in | std::ios::out).seekp(100 << 20).put('x');
  EXPECT_EQ(refusal([&] { verify_file(key, sig, big); }),
            "the signature does not verify: the data or the signature was altered");
}

TEST_F(Minisign, ALegacySignatureOverTheLimitIsRefused) {
  const auto big = dir / "big-legacy.bin";
  make_sparse(big, off_t(MinisignVerification::kMaxLegacyBytes) + 1, "x");
  const auto sig = parse_signature(read_file(sign(keys, big, "too big", true)));
  EXPECT_EQ(refusal([&] { verify_file(key, sig, big); }),
            "a legacy (not prehashed) minisign signature covers at most 64 MiB; sign with a current minisign "
            "(prehashed)");
}

}  // namespace
