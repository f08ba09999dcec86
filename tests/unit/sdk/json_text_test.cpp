// The C++ wrapper's JSON writer (warden::detail::to_json_text), which every result, event and
// channel message of a C++ plugin goes through: it must write what boost::json::serialize writes.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <warden/plugin.hpp>

namespace json = boost::json;
using warden::detail::to_json_text;

namespace {

json::value nested(int depth) {
  json::value v = json::array{1, "x"};
  for (int i = 0; i < depth; ++i) v = json::object{{"k" + std::to_string(i), json::array{v, i, nullptr}}};
  return v;
}

}  // namespace

TEST(JsonText, WritesWhatBoostSerializeWrites) {
  const json::value values[] = {
      nullptr, true, false, 0, -1, 18446744073709551615ull, -9223372036854775807ll - 1, 0.1, -2.5e-300, 1e300,
      "", "plain", "quote\" backslash\\ newline\n tab\t ctrl\x01\x1f del\x7f é 😀 \xe2\x80\xa8",
      json::array{}, json::object{}, json::object{{"", json::array{}}, {"key \"with\" escapes\n", 1}},
      nested(20),
  };
  for (const auto& v : values) EXPECT_EQ(to_json_text(v), json::serialize(v)) << json::serialize(v);
}

// Escapes make the text longer than the size the writer starts from; it must grow, not cut.
TEST(JsonText, GrowsPastItsFirstGuess) {
  json::value many_escapes = json::string(std::string(100000, '\n') + std::string(100000, '\x01'));
  EXPECT_EQ(to_json_text(many_escapes), json::serialize(many_escapes));
  json::value many_numbers = json::array(50000, json::value(-1234567.891));
  EXPECT_EQ(to_json_text(many_numbers), json::serialize(many_numbers));
}

TEST(JsonText, LongStringsRoundTrip) {
  json::value big = json::object{{"value", std::string(16 * 1024 * 1024, 'a')}};
  std::string text = to_json_text(big);
  EXPECT_EQ(text.size(), 16u * 1024 * 1024 + 12);
  EXPECT_EQ(json::parse(text), big);
}
