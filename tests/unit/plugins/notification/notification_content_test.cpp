// What a page may put in a notification: the bounds, the types, the markup.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "notification_content.hpp"

namespace np = warden::notification_plugin;
namespace json = boost::json;

namespace {
std::string refusal(const json::value& options) {
  try {
    np::content_from_options(options, "App");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST(NotificationContent, ReadsWhatTheDesktopShows) {
  auto c = np::content_from_options(
      json::parse(R"({"title": "T", "body": "B", "icon": "x.png", "actionTypeId": "t", "silent": true,
                      "schedule": {"at": 1}, "tag": "ignored"})"),
      "App");
  EXPECT_EQ(c.title, "T");
  EXPECT_EQ(c.body, "B");
  EXPECT_EQ(c.icon.value_or(""), "x.png");
  EXPECT_EQ(c.action_type_id.value_or(""), "t");
  EXPECT_TRUE(c.silent);
  EXPECT_EQ(np::content_from_options(json::parse("{}"), "App").title, "App") << "productName stands in";
  EXPECT_FALSE(np::content_from_options(json::parse(R"({"title": "T", "icon": ""})"), "").icon);
}

TEST(NotificationContent, BoundsAreExact) {
  EXPECT_EQ(refusal(json::object{{"title", std::string(256, 't')}, {"body", std::string(4096, 'b')}}), "accepted");
  EXPECT_EQ(refusal(json::object{{"title", std::string(257, 't')}}),
            "options.title is 257 bytes long; at most 256 are shown");
  EXPECT_EQ(refusal(json::object{{"title", "t"}, {"body", std::string(4097, 'b')}}),
            "options.body is 4097 bytes long; at most 4096 are shown");
  EXPECT_NE(refusal(json::object{{"title", "t"}, {"icon", std::string(4097, 'i')}}), "accepted");
}

TEST(NotificationContent, WrongTypesAreRefused) {
  EXPECT_EQ(refusal(json::parse(R"({"title": 1})")), "options.title must be a string");
  EXPECT_EQ(refusal(json::parse(R"({"title": "t", "body": {}})")), "options.body must be a string");
  EXPECT_EQ(refusal(json::parse(R"({"title": "t", "silent": "yes"})")), "options.silent must be a boolean");
  EXPECT_EQ(refusal(json::parse(R"("just a string")")), "options must be an object with a title");
  EXPECT_EQ(refusal(json::parse(R"({"title": ""})")), "options.title must not be empty");
  EXPECT_THROW(np::content_from_options(json::parse("{}"), ""), std::invalid_argument) << "no title and no app name";
}

TEST(NotificationContent, MarkupIsEscapedToText) {
  EXPECT_EQ(np::escape_markup("<b>x</b> & <img src=\"file:///etc/passwd\">"),
            "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=\"file:///etc/passwd\"&gt;");
  EXPECT_EQ(np::escape_markup("&amp;"), "&amp;amp;") << "an entity the page wrote shows as written";
  EXPECT_EQ(np::escape_markup("plain"), "plain");
}
