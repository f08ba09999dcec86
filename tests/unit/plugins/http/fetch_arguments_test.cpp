#include "fetch_arguments.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hp = warden::http_plugin;

namespace {

std::string error_of(const std::string& text, std::uint64_t cap = 4) {
  try {
    hp::read_fetch_arguments(text, cap, "too large");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(HttpFetchArguments, TheBodyBecomesBytesAndTheRestJson) {
  auto a = hp::read_fetch_arguments(
      R"({"clientConfig": {"method": "POST", "url": "http://h/", "headers": [["data", "x"]], "data": [1, 2, 255],
          "danger": null}})",
      4, "too large");
  ASSERT_TRUE(a.body);
  EXPECT_EQ(*a.body, (std::vector<std::uint8_t>{1, 2, 255}));
  EXPECT_TRUE(a.client_config.at("data").is_null());
  EXPECT_EQ(a.client_config.at("method").as_string(), "POST");
  EXPECT_EQ(a.client_config.at("headers").as_array().at(0).as_array().at(0).as_string(), "data");
}

TEST(HttpFetchArguments, NoBody) {
  auto a = hp::read_fetch_arguments(R"({"clientConfig": {"method": "GET", "url": "http://h/", "data": null}})", 4, "x");
  EXPECT_FALSE(a.body);
  auto b = hp::read_fetch_arguments(R"({"clientConfig": {"method": "GET", "url": "http://h/"}})", 4, "x");
  EXPECT_FALSE(b.body);
}

TEST(HttpFetchArguments, StopsAtTheCapAndAtAnythingButBytes) {
  EXPECT_EQ(error_of(R"({"clientConfig": {"data": [1, 2, 3, 4, 5]}})"), "too large");
  EXPECT_EQ(error_of(R"({"clientConfig": {"data": [1, 2, 3, 4]}})"), "(accepted)");
  for (const char* bad : {"[256]", "[-1]", "[1.5]", "[\"a\"]", "[[1]]", "[{}]", "[null]", "[true]"})
    EXPECT_NE(error_of(std::string(R"({"clientConfig": {"data": )") + bad + "}}").find("0 to 255"), std::string::npos)
        << bad;
  EXPECT_NE(error_of(R"({"clientConfig": )"), "(accepted)");
  EXPECT_NE(error_of(R"({"other": {}})"), "(accepted)");
  // "data" elsewhere is ordinary JSON.
  EXPECT_EQ(error_of(R"({"clientConfig": {"proxy": {"data": [1000]}}})"), "(accepted)");
}

namespace {

std::string config_with(const std::string& members) {
  return R"({"clientConfig": {"method": "GET", "url": "http://h/")" + (members.empty() ? "" : ", " + members) + "}}";
}

std::string repeated(const std::string& item, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i ? "," : "") + item;
  return out;
}

using L = hp::ArgumentLimits;

}  // namespace

TEST(HttpFetchArguments, EveryFieldThePinnedPackageSendsIsRead) {
  auto a = hp::read_fetch_arguments(
      config_with(R"("headers": [["a", "1"]], "data": null, "maxRedirections": 3, "connectTimeout": 100,
                     "proxy": {"http": {"url": "http://p:1", "basicAuth": {"username": "u", "password": "p"},
                               "noProxy": "x"}},
                     "danger": {"acceptInvalidCerts": false, "acceptInvalidHostnames": false})"),
      4, "x");
  EXPECT_EQ(a.client_config.size(), 8u);
  EXPECT_EQ(a.client_config.at("proxy").at("http").at("basicAuth").at("username").as_string(), "u");
}

TEST(HttpFetchArguments, UnknownKeysAreNamed) {
  std::string e = error_of(config_with(R"("timeout": 5)"));
  EXPECT_NE(e.find("clientConfig.timeout is not a fetch option this Warden knows"), std::string::npos) << e;
  EXPECT_NE(e.find("@tauri-apps/plugin-http 2.7.0"), std::string::npos) << e;
  e = error_of(R"({"clientConfig": {"method": "GET"}, "extra": 1})");
  EXPECT_NE(e.find("'extra' is not one of its arguments"), std::string::npos) << e;
  e = error_of(config_with(R"("url": "http://other/")"));
  EXPECT_NE(e.find("clientConfig.url is given twice"), std::string::npos) << e;
  e = error_of(config_with(R"("data": [1], "data": [2])"));
  EXPECT_NE(e.find("clientConfig.data is given twice"), std::string::npos) << e;
}

TEST(HttpFetchArguments, ALongUrlIsRefused) {
  std::string at_limit(L::kMostStringBytes - 7, 'a');
  EXPECT_EQ(error_of(R"({"clientConfig": {"method": "GET", "url": "http://)" + at_limit + R"("}})"), "(accepted)");
  std::string e = error_of(R"({"clientConfig": {"method": "GET", "url": "http://)" + at_limit + R"(a"}})");
  EXPECT_EQ(e, "clientConfig.url holds a string longer than 65536 bytes");
  // Escapes count as the text they stand for, and the refusal comes at the same place.
  e = error_of(R"({"clientConfig": {"url": ")" + repeated("\\u0041", L::kMostStringBytes + 1) + R"("}})");
  EXPECT_EQ(e, "clientConfig.url holds a string longer than 65536 bytes");
}

TEST(HttpFetchArguments, TooManyOrTooLongHeadersAreRefused) {
  std::string pair = R"(["x-a", "1"])";
  EXPECT_EQ(error_of(config_with(R"("headers": [)" + repeated(pair, L::kMostArrayItems) + "]")), "(accepted)");
  EXPECT_EQ(error_of(config_with(R"("headers": [)" + repeated(pair, L::kMostArrayItems + 1) + "]")),
            "clientConfig.headers holds more than 256 items");
  std::string value(L::kMostStringBytes + 1, 'v');
  EXPECT_EQ(error_of(config_with(R"("headers": [["x-a", ")" + value + R"("]])")),
            "clientConfig.headers holds a string longer than 65536 bytes");
  // Twenty values of 60 KiB each: every one within its limit, together past the 1 MiB of text.
  std::string big = R"(["x-a", ")" + std::string(60 * 1024, 'v') + R"("])";
  std::string e = error_of(config_with(R"("headers": [)" + repeated(big, 20) + "]"));
  EXPECT_EQ(e, "fetch's arguments besides the body hold more than 1048576 bytes of text (at clientConfig.headers)");
  EXPECT_EQ(error_of(config_with(R"("headers": [)" + repeated(big, 16) + "]")), "(accepted)");
}

TEST(HttpFetchArguments, DeepNestingIsRefused) {
  EXPECT_EQ(error_of(config_with(R"("proxy": {"http": {"basicAuth": {}}})")), "(accepted)");
  std::string e = error_of(config_with(R"("proxy": {"http": {"basicAuth": {"username": {}}}})"));
  EXPECT_EQ(e, "clientConfig.proxy.http.basicAuth.username nests deeper than fetch's arguments ever do (5 levels)");
  EXPECT_EQ(error_of(config_with(R"("headers": [[[]]])")), "(accepted)");  // fetch_request refuses it later
  e = error_of(config_with(R"("headers": [[[[]]]])"));
  EXPECT_NE(e.find("nests deeper"), std::string::npos) << e;
  // A million brackets stop at the sixth.
  e = error_of(config_with(R"("headers": )" + std::string(1'000'000, '[')));
  EXPECT_NE(e.find("nests deeper"), std::string::npos) << e;
}

TEST(HttpFetchArguments, BigObjectsLongKeysAndLongNumbersAreRefused) {
  std::string members;
  for (int i = 0; i < 17; ++i) members += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\": 1";
  EXPECT_EQ(error_of(config_with(R"("danger": {)" + members + "}")), "clientConfig.danger holds more than 16 members");
  std::string e = error_of(config_with("\"" + std::string(65, 'k') + "\": 1"));
  EXPECT_EQ(e, "a key in clientConfig is longer than 64 bytes: no fetch option is");
  e = error_of(config_with(R"("connectTimeout": 1)" + std::string(2 * 1024 * 1024, '0')));
  EXPECT_NE(e.find("bytes of text"), std::string::npos) << e;
  // The body's own numbers are not charged: a body of many bytes passes.
  std::string body = repeated("255", 300'000);
  auto a = hp::read_fetch_arguments(config_with(R"("data": [)" + body + "]"), 300'000, "too large");
  EXPECT_EQ(a.body->size(), 300'000u);
}

TEST(HttpFetchArguments, ManyValuesWithoutTextAreRefused) {
  // 256 lists of 256 nulls: every list within its limit, no text at all, 65 792 values.
  std::string nulls = "[" + repeated("null", 256) + "]";
  std::string e = error_of(config_with(R"("headers": [)" + repeated(nulls, 256) + "]"));
  EXPECT_EQ(e, "fetch's arguments besides the body hold more than 4096 values (at clientConfig.headers)");
  EXPECT_EQ(error_of(config_with(R"("headers": [)" + repeated(R"(["x-a", ""])", 256) + "]")), "(accepted)");
}
