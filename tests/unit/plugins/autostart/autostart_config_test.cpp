// plugins.autostart: args validated, anything else refused naming the key.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "autostart_config.hpp"

namespace ap = warden::autostart_plugin;

namespace {
std::string refusal(const char* json) {
  try {
    ap::autostart_config_from(boost::json::parse(json));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST(AutostartConfig, ArgsAreKeptInOrder) {
  auto c = ap::autostart_config_from(boost::json::parse(R"({"args": ["--a", "b c", "%", ""]})"));
  EXPECT_EQ(c.args, (std::vector<std::string>{"--a", "b c", "%", ""}));
  EXPECT_TRUE(ap::autostart_config_from(boost::json::parse("{}")).args.empty());
  EXPECT_TRUE(ap::autostart_config_from(nullptr).args.empty());
}

TEST(AutostartConfig, WhatCannotBeWrittenBackIsRefused) {
  EXPECT_NE(refusal(R"({"arg": []})").find("plugins.autostart.arg: unknown key"), std::string::npos);
  EXPECT_NE(refusal(R"({"args": "x"})").find("must be an array"), std::string::npos);
  EXPECT_NE(refusal(R"({"args": [1]})").find("args[0] must be a string"), std::string::npos);
  EXPECT_NE(refusal(R"({"args": ["ok", "a\nb"]})").find("args[1] holds a control character"), std::string::npos);
  EXPECT_NE(refusal(R"({"args": ["\u0000"]})").find("control character"), std::string::npos);
  boost::json::array a;
  for (int i = 0; i < 33; ++i) a.emplace_back("x");
  EXPECT_THROW(ap::autostart_config_from(boost::json::object{{"args", a}}), std::invalid_argument);
  EXPECT_THROW(ap::autostart_config_from(boost::json::object{{"args", boost::json::array{std::string(1025, 'x')}}}),
               std::invalid_argument);
  EXPECT_EQ(refusal("[]"), "plugins.autostart must be an object {\"args\": [...]}");
}
