// The isolation pattern's host side: AES-256-GCM through OpenSSL, the sealed message format,
// freshness (no replay, no stale message) and the gate the IPC receiver asks first.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ipc/aes_gcm.hpp"
#include "ipc/isolation_freshness.hpp"
#include "ipc/isolation_gate.hpp"
#include "ipc/isolation_key.hpp"
#include "ipc/isolation_message.hpp"

namespace warden::ipc {
namespace {

std::vector<uint8_t> hex(std::string_view h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(std::string(h.substr(i, 2)), nullptr, 16)));
  return out;
}

template <size_t N>
std::array<uint8_t, N> hex_array(std::string_view h) {
  std::array<uint8_t, N> out{};
  auto v = hex(h);
  std::copy(v.begin(), v.end(), out.begin());
  return out;
}

std::vector<uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

IsolationKey counting_key() {  // 01 02 ... 20
  IsolationKey k{};
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<uint8_t>(i + 1);
  return k;
}

IsolationNonce nonce_from(uint8_t first) {
  IsolationNonce n{};
  for (size_t i = 0; i < n.size(); ++i) n[i] = static_cast<uint8_t>(first + i);
  return n;
}

constexpr int64_t kNow = 1'700'000'000'000;

IsolationMessage greet_message(int64_t time = kNow) {
  IsolationMessage m;
  m.command = "greet";
  m.origin = "app://localhost";
  m.time_ms = time;
  m.content_type = "application/json";
  m.payload = bytes(R"({"name":"Ada"})");
  return m;
}

// The GCM specification's test case 15 (AES-256, 96-bit IV, no AAD).
TEST(AesGcm, OpensTheSpecificationVector) {
  auto key = hex_array<32>("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  auto nonce = hex_array<12>("cafebabefacedbaddecaf888");
  auto plain = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
  auto sealed = hex("522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                    "b094dac5d93471bdec1a502270e3cc6c");
  EXPECT_EQ(aes256gcm_seal(key, nonce, plain), sealed);
  auto opened = aes256gcm_open(key, nonce, sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, plain);
}

TEST(AesGcm, RefusesAnyChangedByteWrongKeyOrNonceAndTruncation) {
  auto key = counting_key();
  auto nonce = nonce_from(7);
  auto plain = bytes("hello isolation");
  auto sealed = aes256gcm_seal(key, nonce, plain);
  ASSERT_EQ(sealed.size(), plain.size() + kAesGcmTagSize);
  for (size_t i = 0; i < sealed.size(); ++i) {
    auto changed = sealed;
    changed[i] ^= 0x01;
    EXPECT_FALSE(aes256gcm_open(key, nonce, changed)) << "byte " << i;
  }
  auto other_key = key;
  other_key[31] ^= 0x80;
  EXPECT_FALSE(aes256gcm_open(other_key, nonce, sealed));
  EXPECT_FALSE(aes256gcm_open(key, nonce_from(8), sealed));
  EXPECT_FALSE(aes256gcm_open(key, nonce, std::vector<uint8_t>(sealed.begin(), sealed.end() - 1)));
  EXPECT_FALSE(aes256gcm_open(key, nonce, std::vector<uint8_t>(sealed.begin(), sealed.begin() + 15)));
  EXPECT_TRUE(aes256gcm_open(key, nonce, sealed));
  // An empty plaintext still carries a tag that must verify.
  auto empty = aes256gcm_seal(key, nonce, {});
  ASSERT_EQ(empty.size(), kAesGcmTagSize);
  EXPECT_TRUE(aes256gcm_open(key, nonce, empty));
  empty[0] ^= 1;
  EXPECT_FALSE(aes256gcm_open(key, nonce, empty));
}

// Sealed outside this code (Python's cryptography package), as the isolation frame would.
TEST(IsolationMessage, OpensAHandBuiltVector) {
  auto body = hex(
      "6465666768696a6b6c6d6e6f1b7d1021f5a0865b9f25cafd6c0ed41e9bed71ac9688d53b82b3928f43cec61f10e3b929e17a98732838ad0d"
      "2f7f8247d0dcbffac84f8ce9b6cabf4823d6da1a6dc27a989f3b2452ed7fa3082ae112315cb7ce98a5a7485836ddb2a9d5bf9f33e6de23dc"
      "bca44206c1b8260afc5d2dc99d0f77ea27866e0f105127aae4cef4");
  auto opened = open_isolation_message(counting_key(), body);
  ASSERT_TRUE(std::holds_alternative<IsolationMessage>(opened)) << std::get<IsolationError>(opened).reason;
  auto& m = std::get<IsolationMessage>(opened);
  EXPECT_EQ(m.nonce, nonce_from(100));
  EXPECT_EQ(m.command, "greet");
  EXPECT_EQ(m.origin, "app://localhost");
  EXPECT_EQ(m.time_ms, kNow);
  EXPECT_EQ(m.content_type, "application/json");
  EXPECT_EQ(m.payload, bytes(R"({"name":"Ada"})"));
  // The same bytes under another run's key mean nothing.
  auto other = counting_key();
  other[0] = 0;
  auto refused = open_isolation_message(other, body);
  ASSERT_TRUE(std::holds_alternative<IsolationError>(refused));
  EXPECT_NE(std::get<IsolationError>(refused).reason.find("does not decrypt"), std::string::npos);
}

TEST(IsolationMessage, SealsWhatItOpensWithBinaryPayloads) {
  IsolationMessage m = greet_message();
  m.content_type = "application/octet-stream";
  m.payload = {0, 10, 255, '\n', 0, 1};  // newlines and NULs in the payload are just bytes
  auto body = seal_isolation_message(counting_key(), nonce_from(1), m);
  auto opened = open_isolation_message(counting_key(), body);
  ASSERT_TRUE(std::holds_alternative<IsolationMessage>(opened)) << std::get<IsolationError>(opened).reason;
  EXPECT_EQ(std::get<IsolationMessage>(opened).payload, m.payload);
  EXPECT_EQ(std::get<IsolationMessage>(opened).content_type, "application/octet-stream");
}

TEST(IsolationMessage, RefusesShortBodiesAndBadEnvelopes) {
  auto key = counting_key();
  auto reason = [&](std::vector<uint8_t> body) {
    auto r = open_isolation_message(key, body);
    return std::holds_alternative<IsolationError>(r) ? std::get<IsolationError>(r).reason : std::string("accepted");
  };
  EXPECT_NE(reason({}).find("too short"), std::string::npos);
  EXPECT_NE(reason(std::vector<uint8_t>(27, 0)).find("too short"), std::string::npos);
  EXPECT_NE(reason(std::vector<uint8_t>(200, 0)).find("does not decrypt"), std::string::npos);
  // Authentic, but not the format: sealed by hand with the right key.
  auto sealed_plain = [&](std::string_view plain) {
    auto n = nonce_from(50);
    std::vector<uint8_t> body(n.begin(), n.end());
    auto s = aes256gcm_seal(key, n, bytes(plain));
    body.insert(body.end(), s.begin(), s.end());
    return body;
  };
  EXPECT_NE(reason(sealed_plain("no newline")).find("no envelope"), std::string::npos);
  EXPECT_NE(reason(sealed_plain("[1]\n{}")).find("not a JSON object"), std::string::npos);
  EXPECT_NE(reason(sealed_plain(R"({"cmd":"a","origin":"o","contentType":"application/json"})" "\n{}")).find("needs"),
            std::string::npos);
  EXPECT_NE(reason(sealed_plain(R"({"cmd":"a","origin":"o","time":1,"contentType":"text/plain"})" "\n{}")).find("contentType"),
            std::string::npos);
  EXPECT_NE(reason(sealed_plain(R"({"cmd":"a","origin":"o","time":-5,"contentType":"application/json"})" "\n{}")).find("out of range"),
            std::string::npos);
  EXPECT_EQ(reason(sealed_plain(R"({"cmd":"a","origin":"o","time":5,"contentType":"application/json"})" "\n{}")), "accepted");
}

// The caller's headers (a written file's path) are sealed with the call: under the isolation
// pattern they are the only ones the host hands a command (issue 12, finding 3).
TEST(IsolationMessage, SealsTheCallersHeaders) {
  IsolationMessage m = greet_message();
  m.content_type = "application/octet-stream";
  m.headers = {{"path", "%2Fdata%2Fallowed.txt"}, {"options", "{\"append\":true}"}};
  auto opened = open_isolation_message(counting_key(), seal_isolation_message(counting_key(), nonce_from(1), m));
  ASSERT_TRUE(std::holds_alternative<IsolationMessage>(opened)) << std::get<IsolationError>(opened).reason;
  auto headers = std::get<IsolationMessage>(opened).headers;
  std::sort(headers.begin(), headers.end());
  EXPECT_EQ(headers, (CallerHeaders{{"options", "{\"append\":true}"}, {"path", "%2Fdata%2Fallowed.txt"}}));
  // No headers member: none.
  auto plain = open_isolation_message(counting_key(), seal_isolation_message(counting_key(), nonce_from(2), greet_message()));
  ASSERT_TRUE(std::holds_alternative<IsolationMessage>(plain));
  EXPECT_TRUE(std::get<IsolationMessage>(plain).headers.empty());
}

TEST(IsolationMessage, RefusesMalformedSealedHeaders) {
  auto key = counting_key();
  auto reason = [&](std::string_view headers_json) {
    std::string plain = R"({"cmd":"a","origin":"o","time":5,"contentType":"application/json","headers":)" +
                        std::string(headers_json) + "}\n{}";
    auto n = nonce_from(60);
    std::vector<uint8_t> body(n.begin(), n.end());
    auto sealed = aes256gcm_seal(key, n, bytes(plain));
    body.insert(body.end(), sealed.begin(), sealed.end());
    auto r = open_isolation_message(key, body);
    return std::holds_alternative<IsolationError>(r) ? std::get<IsolationError>(r).reason : std::string("accepted");
  };
  EXPECT_EQ(reason(R"({"Path":"x"})"), "accepted");
  EXPECT_NE(reason(R"(["path"])").find("must be an object of strings"), std::string::npos);
  EXPECT_NE(reason(R"({"path":1})").find("'path' is not a string"), std::string::npos);
  EXPECT_NE(reason(R"({"bad name":"x"})").find("not an HTTP token"), std::string::npos);
  EXPECT_NE(reason(R"({"path":"caf\u00e9"})").find("not printable ASCII"), std::string::npos);
  EXPECT_NE(reason(R"({"path":"a\r\nx-other: 1"})").find("not printable ASCII"), std::string::npos);
  EXPECT_NE(reason(R"({"Path":"x","path":"y"})").find("names header 'path' twice"), std::string::npos);
  std::string many = "{";
  for (int i = 0; i < 33; ++i) many += (i ? "," : "") + std::string("\"h") + std::to_string(i) + "\":\"v\"";
  EXPECT_NE(reason(many + "}").find("more than 32 headers"), std::string::npos);
}

TEST(IsolationFreshness, AcceptsEachNonceOnceAndRefusesStaleOrFutureMessages) {
  IsolationFreshness fresh(60'000, 5'000);
  EXPECT_EQ(fresh.admit(nonce_from(1), kNow, kNow), std::nullopt);
  auto replay = fresh.admit(nonce_from(1), kNow, kNow + 10);
  ASSERT_TRUE(replay);
  EXPECT_NE(replay->find("replayed"), std::string::npos);
  EXPECT_EQ(fresh.admit(nonce_from(2), kNow - 59'000, kNow), std::nullopt);
  auto stale = fresh.admit(nonce_from(3), kNow - 61'000, kNow);
  ASSERT_TRUE(stale);
  EXPECT_NE(stale->find("stale"), std::string::npos);
  auto future = fresh.admit(nonce_from(4), kNow + 6'000, kNow);
  ASSERT_TRUE(future);
  EXPECT_NE(future->find("future"), std::string::npos);
  EXPECT_EQ(fresh.admit(nonce_from(5), kNow + 4'000, kNow), std::nullopt);
}

TEST(IsolationFreshness, ForgetsNoncesOnlyOnceTheirMessagesAreStale) {
  IsolationFreshness fresh(1'000, 0);
  for (uint8_t i = 0; i < 100; ++i) ASSERT_EQ(fresh.admit(nonce_from(i), kNow + i, kNow + i), std::nullopt);
  EXPECT_EQ(fresh.remembered(), 100u);
  // Later on, the old nonces are forgotten, and a replay of them is refused as stale instead.
  EXPECT_EQ(fresh.admit(nonce_from(200), kNow + 1'050, kNow + 1'050), std::nullopt);
  EXPECT_EQ(fresh.remembered(), 51u);
  auto old = fresh.admit(nonce_from(0), kNow, kNow + 1'050);
  ASSERT_TRUE(old);
  EXPECT_NE(old->find("stale"), std::string::npos);
  auto recent = fresh.admit(nonce_from(99), kNow + 99, kNow + 1'050);
  ASSERT_TRUE(recent);
  EXPECT_NE(recent->find("replayed"), std::string::npos);
}

struct GateResult {
  bool ok;
  std::string reason_or_type;
  std::vector<uint8_t> body;
};

GateResult admit(IsolationGate& gate, std::string_view type, const std::vector<uint8_t>& body,
                 std::string_view command = "greet", std::string_view origin = "app://localhost", int64_t now = kNow) {
  auto r = gate.admit(type, body, command, origin, now);
  if (auto* e = std::get_if<IsolationError>(&r)) return {false, e->reason, {}};
  auto& c = std::get<OpenedCall>(r);
  return {true, c.content_type, c.body};
}

TEST(IsolationGate, HandsOverTheSealedHeaders) {
  IsolationGate gate(counting_key());
  IsolationMessage m = greet_message();
  m.headers = {{"path", "%2Fdata%2Fhook-edited.txt"}};
  auto body = seal_isolation_message(counting_key(), nonce_from(9), m);
  auto opened = gate.admit("application/x-warden-isolation", body, "greet", "app://localhost", kNow);
  ASSERT_TRUE(std::holds_alternative<OpenedCall>(opened)) << std::get<IsolationError>(opened).reason;
  EXPECT_EQ(std::get<OpenedCall>(opened).headers, (CallerHeaders{{"path", "%2Fdata%2Fhook-edited.txt"}}));
}

TEST(IsolationGate, LetsASealedFreshCallThroughOnce) {
  IsolationGate gate(counting_key());
  auto body = seal_isolation_message(counting_key(), nonce_from(1), greet_message());
  auto first = admit(gate, "application/x-warden-isolation", body);
  ASSERT_TRUE(first.ok) << first.reason_or_type;
  EXPECT_EQ(first.reason_or_type, "application/json");
  EXPECT_EQ(first.body, bytes(R"({"name":"Ada"})"));
  auto again = admit(gate, "application/x-warden-isolation", body);
  EXPECT_FALSE(again.ok);
  EXPECT_NE(again.reason_or_type.find("replayed"), std::string::npos);
}

TEST(IsolationGate, RefusesPlainForgedMismatchedAndStaleCalls) {
  IsolationGate gate(counting_key());
  auto plain = admit(gate, "application/json", bytes(R"({"name":"Ada"})"));
  EXPECT_FALSE(plain.ok);
  EXPECT_NE(plain.reason_or_type.find("plain request"), std::string::npos);
  EXPECT_FALSE(admit(gate, "", {}).ok);

  std::vector<uint8_t> bogus(64, 0x42);
  auto forged = admit(gate, "application/x-warden-isolation", bogus);
  EXPECT_FALSE(forged.ok);
  EXPECT_NE(forged.reason_or_type.find("does not decrypt"), std::string::npos);

  auto other_key = counting_key();
  other_key[5] ^= 1;
  auto foreign = admit(gate, "application/x-warden-isolation", seal_isolation_message(other_key, nonce_from(2), greet_message()));
  EXPECT_FALSE(foreign.ok);
  EXPECT_NE(foreign.reason_or_type.find("does not decrypt"), std::string::npos);

  auto tampered_body = seal_isolation_message(counting_key(), nonce_from(3), greet_message());
  tampered_body[tampered_body.size() - 20] ^= 0x04;  // inside the ciphertext
  EXPECT_FALSE(admit(gate, "application/x-warden-isolation", tampered_body).ok);

  auto wrong_command = admit(gate, "application/x-warden-isolation",
                             seal_isolation_message(counting_key(), nonce_from(4), greet_message()), "plugin:fs|remove");
  EXPECT_FALSE(wrong_command.ok);
  EXPECT_NE(wrong_command.reason_or_type.find("URL names another"), std::string::npos);

  auto wrong_origin = admit(gate, "application/x-warden-isolation",
                            seal_isolation_message(counting_key(), nonce_from(5), greet_message()), "greet",
                            "http://evil.example");
  EXPECT_FALSE(wrong_origin.ok);
  EXPECT_NE(wrong_origin.reason_or_type.find("origin"), std::string::npos);

  auto stale = admit(gate, "application/x-warden-isolation",
                     seal_isolation_message(counting_key(), nonce_from(6), greet_message(kNow - 120'000)));
  EXPECT_FALSE(stale.ok);
  EXPECT_NE(stale.reason_or_type.find("stale"), std::string::npos);

  // Parameters and case of the media type do not matter; the seal does.
  auto ok = admit(gate, "Application/X-Warden-Isolation; charset=binary",
                  seal_isolation_message(counting_key(), nonce_from(7), greet_message()));
  EXPECT_TRUE(ok.ok) << ok.reason_or_type;
}

TEST(IsolationKey, IsRandomAndPrintsAsAJavaScriptArray) {
  auto a = generate_isolation_key(), b = generate_isolation_key();
  EXPECT_NE(a, b);
  IsolationKey zeros{};
  EXPECT_NE(a, zeros);
  auto js = isolation_key_js_array(counting_key());
  EXPECT_EQ(js.substr(0, 7), "[1,2,3,");
  EXPECT_EQ(js.substr(js.size() - 4), ",32]");
}

}  // namespace
}  // namespace warden::ipc
