// check_json must agree with boost::json::parse on what is JSON: anything it accepts is handed to
// a command as valid JSON, so a disagreement would pass malformed text across the ABI.
#include <gtest/gtest.h>

#include <string>

#include <boost/json.hpp>

#include "ipc/json_check.hpp"

using warden::ipc::check_json;
using warden::ipc::JsonShape;

namespace {

bool boost_parses(const std::string& text) {
  boost::system::error_code ec;
  boost::json::parse(text, ec);
  return !ec;
}

}  // namespace

TEST(JsonCheck, TellsObjectsFromOtherValues) {
  EXPECT_EQ(check_json(R"({"a":[1,2,{"b":null}],"c":"\u00e9"})"), JsonShape::object);
  EXPECT_EQ(check_json(" {} \n"), JsonShape::object);
  EXPECT_EQ(check_json("[{}]"), JsonShape::other);
  EXPECT_EQ(check_json(R"("text")"), JsonShape::other);
  EXPECT_EQ(check_json("-1.5e3"), JsonShape::other);
  EXPECT_EQ(check_json("null"), JsonShape::other);
}

TEST(JsonCheck, AgreesWithTheParserOnValidAndInvalidText) {
  const std::string cases[] = {
      "{}", "{\"a\":1}", "[]", "true", "\"\\ud83d\\ude00\"", "1e400",
      "", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "[1,]", "{\"a\":1,}", "{} {}", "{}x", "nul",
      "\"unterminated", "\"\\x\"", "01", "+1", "/* c */ {}", "{\"a\":1} // c", "'a'", "\"\x01\"",
      std::string("{\"a\":\"\xff\"}"), std::string("\"\xc0\xaf\""), std::string("{}\0", 3),
      std::string(32, '[') + std::string(32, ']'), std::string(33, '[') + std::string(33, ']'),
      std::string(10000, '[') + std::string(10000, ']'),
  };
  for (const auto& text : cases)
    EXPECT_EQ(check_json(text) != JsonShape::invalid, boost_parses(text)) << "text: " << text.substr(0, 40);
}

TEST(JsonCheck, ValidatesLargeDocuments) {
  std::string big = "{\"value\":\"" + std::string(4 << 20, 'a') + "\"}";
  EXPECT_EQ(check_json(big), JsonShape::object);
  big.pop_back();
  EXPECT_EQ(check_json(big), JsonShape::invalid);
}
