// Field lines in JSON come from a scan of the text Boost.JSON accepted: comments,
// strings with braces and escaped quotes must not confuse it.
#include <gtest/gtest.h>

#include <vector>

#include "acl/document.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using warden::acl::test::thrown_kind;

TEST(Document, JsonLinesSurviveCommentsAndTrickyStrings) {
  auto doc = parse_json_document(R"({
  // a comment with "quotes" and { braces
  "a\"b": "value with } and ] and // not a comment",
  /* block
     comment */ "list": [
    1,
    {"x": "y"}, // trailing
  ],
  "last": true,
})", "t.json");
  EXPECT_EQ(doc.lines.at("a\"b"), 3);
  EXPECT_EQ(doc.lines.at("list"), 5);
  EXPECT_EQ(doc.lines.at("list[0]"), 6);
  EXPECT_EQ(doc.lines.at("list[1].x"), 7);
  EXPECT_EQ(doc.lines.at("last"), 9);
  EXPECT_EQ(doc.at("list[1].x.missing").line, 7);  // falls back to the closest ancestor
}

TEST(Document, TomlLinesComeFromSourceRegions) {
  auto doc = parse_toml_document("a = 1\n\n[t]\nb = [\n  \"x\",\n  \"y\",\n]\n", "t.toml");
  EXPECT_EQ(doc.lines.at("a"), 1);
  EXPECT_EQ(doc.lines.at("t.b"), 4);
  EXPECT_EQ(doc.lines.at("t.b[1]"), 6);
}

TEST(Document, GarbageIsAnErrorNotACrash) {
  for (std::string text : std::vector<std::string>{"", "{", "[1,", "{\"a\": }", "\xff\xfe", std::string(10000, '['), "{\"a\": 1 /* open"})
    EXPECT_EQ(thrown_kind([&] { parse_json_document(text, "x.json"); }), ErrorKind::syntax) << text.substr(0, 20);
  for (std::string text : std::vector<std::string>{"a = ", "[[x]\n", "a = \"unterminated", std::string(5000, '[') + "a"})
    EXPECT_EQ(thrown_kind([&] { parse_toml_document(text, "x.toml"); }), ErrorKind::syntax) << text.substr(0, 20);
}

TEST(Document, DeepScopeValuesAreBoundedNotFatal) {
  std::string deep = "{\"permission\": [{\"identifier\": \"a\", \"scope\": {\"allow\": [" + std::string(200, '[') +
                     std::string(200, ']') + "]}}]}";
  EXPECT_EQ(thrown_kind([&] { parse_json_document(deep, "deep.json"); }), ErrorKind::syntax);
}
