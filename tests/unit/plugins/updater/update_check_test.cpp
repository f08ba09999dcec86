// The order in which endpoints are asked, with a stand-in for the network (the real transfers
// are the e2e's, tests/e2e/updater).
#include "update_check.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

namespace up = warden::updater;

namespace {

struct Answers {
  std::map<std::string, up::JsonAnswer> by_url;
  std::vector<std::string> asked;
  up::FetchJson fetch() {
    return [this](const std::string& url) {
      asked.push_back(url);
      auto it = by_url.find(url);
      if (it == by_url.end()) throw std::runtime_error("connection refused");
      return it->second;
    };
  }
};

const char* kRelease = R"({"version":"1.1.0","url":"https://h/a.tar.gz","signature":"s"})";

}  // namespace

TEST(UpdateCheck, SubstitutesAndMovesPastFailingEndpoints) {
  Answers a;
  a.by_url["https://one/linux/x86_64/1.0.0"] = {500, "oops"};
  a.by_url["https://three/1.0.0"] = {200, kRelease};
  up::CheckRequest r{{"https://one/{{target}}/{{arch}}/{{current_version}}", "https://two/", "https://three/{{current_version}}"},
                     "1.0.0", std::nullopt, "x86_64"};
  auto release = up::ask_endpoints(r, a.fetch());
  ASSERT_TRUE(release);
  EXPECT_EQ(release->url, "https://h/a.tar.gz");
  EXPECT_EQ(a.asked.size(), 3u);
}

TEST(UpdateCheck, NoContentEndsTheSearchWithNoUpdate) {
  Answers a;
  a.by_url["https://one/"] = {204, ""};
  a.by_url["https://two/"] = {200, kRelease};
  up::CheckRequest r{{"https://one/", "https://two/"}, "1.0.0", std::nullopt, "x86_64"};
  EXPECT_FALSE(up::ask_endpoints(r, a.fetch()));
  EXPECT_EQ(a.asked.size(), 1u);
}

TEST(UpdateCheck, TheLastFailureIsTheError) {
  Answers a;
  a.by_url["https://one/"] = {200, "{not json"};
  up::CheckRequest r{{"https://one/"}, "1.0.0", std::string("custom"), "x86_64"};
  try {
    up::ask_endpoints(r, a.fetch());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
  }
}

TEST(UpdateCheck, APageTargetIsAPlainNameOrRefusedBeforeAnyRequest) {
  for (const char* good : {"linux-x86_64", "darwin-aarch64", "linux-x86_64-warden", "beta_1.2", "x"}) {
    EXPECT_FALSE(up::target_problem(good)) << good;
    Answers a;
    a.by_url[std::string("https://u/") + good + "/x"] = {204, ""};
    up::CheckRequest r{{"https://u/{{target}}/x"}, "1.0.0", std::string(good), "x86_64"};
    EXPECT_FALSE(up::ask_endpoints(r, a.fetch())) << good;
    EXPECT_EQ(a.asked, std::vector<std::string>{std::string("https://u/") + good + "/x"}) << "used as written";
  }
  for (const char* bad : {"", ".", "..", ".hidden", "../admin", "a/b", "a?x=1", "a#f", "a%2Fb", "a b", "a\tb",
                          "a\r\nX: 1", "caf\xc3\xa9", "a\\b", "a;b", "a+b"}) {
    std::string target = bad;
    Answers a;
    up::CheckRequest r{{"https://u/{{target}}/x"}, "1.0.0", target, "x86_64"};
    try {
      up::ask_endpoints(r, a.fetch());
      ADD_FAILURE() << "target '" << target << "' accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("plain name such as linux-x86_64"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(a.asked.empty()) << "no request for '" << target << "'";
  }
  EXPECT_TRUE(up::target_problem(std::string("a\0b", 3)));
  EXPECT_TRUE(up::target_problem(std::string(65, 'a')));
  EXPECT_FALSE(up::target_problem(std::string(64, 'a')));
}
