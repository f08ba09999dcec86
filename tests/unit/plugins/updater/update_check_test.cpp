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
