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
