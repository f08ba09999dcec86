#include "release_json.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace up = warden::updater;

namespace {

std::string message_of(const std::string& body, const std::vector<std::string>& keys) {
  try {
    up::parse_release(body, keys);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "parsed";
}

}  // namespace

TEST(ReleaseJson, StaticFormPrefersTheWardenKeyOverTauris) {
  auto keys = up::platform_keys(std::nullopt, "x86_64");
  ASSERT_EQ(keys, (std::vector<std::string>{"linux-x86_64-warden", "linux-x86_64"}));
  auto r = up::parse_release(R"({"version":"v1.1.0","notes":"n","pub_date":"2026-01-01T00:00:00Z",
    "platforms":{"linux-x86_64":{"url":"https://x/tauri.AppImage.tar.gz","signature":"s1"},
                 "linux-x86_64-warden":{"url":"https://x/app.tar.gz","signature":"s2"}}})", keys);
  EXPECT_EQ(r.version.text(), "1.1.0");
  EXPECT_EQ(r.version_text, "v1.1.0");
  EXPECT_EQ(r.url, "https://x/app.tar.gz");
  EXPECT_EQ(r.signature, "s2");
  EXPECT_EQ(*r.notes, "n");
  EXPECT_EQ(*r.pub_date, "2026-01-01T00:00:00Z");
  EXPECT_TRUE(r.raw.contains("platforms"));
}

TEST(ReleaseJson, StaticFormFallsBackToTaurisKey) {
  auto r = up::parse_release(R"({"version":"2.0.0","platforms":{"linux-x86_64":{"url":"https://x/a","signature":"s"}}})",
                             up::platform_keys(std::nullopt, "x86_64"));
  EXPECT_EQ(r.url, "https://x/a");
}

TEST(ReleaseJson, APageTargetLooksUpThatKeyOnly) {
  auto keys = up::platform_keys(std::string("beta"), "x86_64");
  EXPECT_EQ(keys, std::vector<std::string>{"beta"});
  std::string body = R"({"version":"2.0.0","platforms":{"linux-x86_64":{"url":"https://x/a","signature":"s"}}})";
  EXPECT_NE(message_of(body, keys).find("no platforms entry for beta"), std::string::npos) << message_of(body, keys);
}

TEST(ReleaseJson, DynamicForm) {
  auto r = up::parse_release(R"({"version":"1.2.0","url":"https://x/u.tar.gz","signature":"sig"})", {"linux-x86_64"});
  EXPECT_EQ(r.url, "https://x/u.tar.gz");
  EXPECT_FALSE(r.notes);
}

TEST(ReleaseJson, MalformedAnswersSayWhatIsWrong) {
  std::vector<std::string> keys{"linux-x86_64"};
  EXPECT_NE(message_of("not json", keys).find("not valid JSON"), std::string::npos);
  EXPECT_NE(message_of("[]", keys).find("not an object"), std::string::npos);
  EXPECT_NE(message_of(R"({"url":"u","signature":"s"})", keys).find("no version"), std::string::npos);
  EXPECT_NE(message_of(R"({"version":"1.0","url":"u","signature":"s"})", keys).find("not SemVer"), std::string::npos);
  EXPECT_NE(message_of(R"({"version":"1.0.0","signature":"s"})", keys).find("no url"), std::string::npos);
  EXPECT_NE(message_of(R"({"version":"1.0.0","url":"u"})", keys).find("no signature"), std::string::npos);
  EXPECT_NE(message_of(R"({"version":"1.0.0","url":"u","signature":"s","notes":3})", keys).find("notes"),
            std::string::npos);
  EXPECT_NE(message_of(R"({"version":"1.0.0","platforms":{"linux-x86_64":{"url":"u"}}})", keys).find("no signature"),
            std::string::npos);
}

TEST(EndpointSubstitution, ReplacesEveryPlaceholderEncoded) {
  EXPECT_EQ(up::substitute_endpoint("https://u/{{target}}/{{arch}}/{{current_version}}?v={{current_version}}",
                                    "1.0.0+build", "linux", "x86_64"),
            "https://u/linux/x86_64/1.0.0%2Bbuild?v=1.0.0%2Bbuild");
}

TEST(EndpointSubstitution, APageTargetCannotAddPathOrQuery) {
  EXPECT_EQ(up::substitute_endpoint("https://u/{{target}}/x", "1.0.0", "../../admin?x=1#f", "x86_64"),
            "https://u/..%2F..%2Fadmin%3Fx%3D1%23f/x");
  EXPECT_EQ(up::percent_encode("a b\r\n"), "a%20b%0D%0A");
}
