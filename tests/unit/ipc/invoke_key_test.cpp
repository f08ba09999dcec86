#include "ipc/invoke_key.hpp"

#include <set>

#include <gtest/gtest.h>

#include "ipc/bridge_script.hpp"

namespace warden::ipc {
namespace {

TEST(InvokeKey, IsRandomHexOf32Bytes) {
  std::set<std::string> keys;
  for (int i = 0; i < 100; ++i) {
    auto k = generate_invoke_key();
    ASSERT_EQ(k.size(), 64u);
    EXPECT_EQ(k.find_first_not_of("0123456789abcdef"), std::string::npos);
    keys.insert(k);
  }
  EXPECT_EQ(keys.size(), 100u);
}

TEST(InvokeKey, MatchesOnlyTheSameKey) {
  auto k = generate_invoke_key();
  EXPECT_TRUE(invoke_key_matches(k, k));
  std::string other = k;
  other.back() = other.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(invoke_key_matches(k, other));
  EXPECT_FALSE(invoke_key_matches(k, k.substr(0, 63)));
  EXPECT_FALSE(invoke_key_matches(k, k + "0"));
  EXPECT_FALSE(invoke_key_matches(k, ""));
  EXPECT_FALSE(invoke_key_matches("", ""));  // no key configured never matches
}

TEST(InvokeKey, OnlyTheTransportHalfGetsItAsAnArgumentNotInItsBody) {
  std::string key(64, 'c');
  BridgeOptions options{key, true, std::nullopt};
  // The page half (page scripts share its world) never holds the key.
  auto page = bridge_script("main", "main", options);
  EXPECT_EQ(page.find(key), std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 10), "}, true);\n");
  auto s = bridge_transport_script(options);
  size_t at = s.find(key);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(s.find(key, at + 1), std::string::npos);  // exactly once: the call's argument
  // The key, the isolation flag and the limit of calls in flight come after the function's
  // closing brace, in the call. The isolation key itself is never given to the bridge, only the flag.
  EXPECT_GT(at, s.rfind("})("));
  EXPECT_EQ(s.substr(s.size() - 17), "\", false, 1024);\n");
  IsolationKey isolation{};
  isolation.fill(0xab);
  auto with_isolation = bridge_transport_script({key, false, isolation});
  EXPECT_NE(with_isolation.find("\", true, 1024);\n"), std::string::npos);
  BridgeOptions limited{key, false, std::nullopt, 8};
  EXPECT_EQ(bridge_transport_script(limited).substr(bridge_transport_script(limited).size() - 14), "\", false, 8);\n");
  EXPECT_EQ(with_isolation.find("171,171"), std::string::npos);
  EXPECT_EQ(bridge_script("main", "main", {key, false, isolation}).find("171,171"), std::string::npos);
}

}  // namespace
}  // namespace warden::ipc
