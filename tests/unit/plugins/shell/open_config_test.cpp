// plugins.shell and open(): the default validator, a custom one matched against the whole path,
// open disabled, option-like paths, and the `with` names of @tauri-apps/plugin-shell.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "open_config.hpp"

namespace json = boost::json;
using namespace warden::shell_plugin;

namespace {
std::string refusal(const OpenConfig& c, const std::string& path) {
  try {
    check_open_path(c, path);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}
}  // namespace

TEST(OpenConfig, TheDefaultAcceptsWebMailAndPhoneLinksOnly) {
  auto c = parse_open_config(json::parse("{}"));
  EXPECT_EQ(c.opener, "xdg-open");
  EXPECT_EQ(refusal(c, "https://tauri.app/x?y=1"), "");
  EXPECT_EQ(refusal(c, "mailto:someone@example.com"), "");
  EXPECT_EQ(refusal(c, "tel:12345"), "");
  for (const char* path : {"file:///etc/passwd", "/etc/passwd", "javascript:alert(1)", "https://", "http://x",
                           "https://ok\n--evil", "ftp://host/x"})
    EXPECT_NE(refusal(c, path), "") << path;
  EXPECT_NE(refusal(c, "--help").find("starts with '-'"), std::string::npos);
  EXPECT_NE(refusal(c, std::string("https://a\0b", 11)).find("NUL"), std::string::npos);
}

TEST(OpenConfig, ACustomValidatorMustMatchTheWholePath) {
  auto c = parse_open_config(json::parse(R"({"open": "https://example\\.com/.*", "opener": "/opt/opener",
                                            "path": "/x/libshell.so", "sha256": "ab"})"));
  EXPECT_EQ(c.opener, "/opt/opener");
  EXPECT_EQ(refusal(c, "https://example.com/a"), "");
  EXPECT_NE(refusal(c, "https://example.com.evil.net/a").find("does not match the open validator"), std::string::npos);
  EXPECT_NE(refusal(c, "xhttps://example.com/a"), "");
}

TEST(OpenConfig, FalseDisablesOpenAndBadConfigNamesTheField) {
  auto c = parse_open_config(json::parse(R"({"open": false})"));
  EXPECT_NE(refusal(c, "https://tauri.app").find("disabled"), std::string::npos);
  auto error = [](const char* text) {
    try {
      parse_open_config(json::parse(text));
      return std::string();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
  };
  EXPECT_NE(error(R"({"open": 1})").find("plugins.shell.open"), std::string::npos);
  EXPECT_NE(error(R"({"open": "("})").find("invalid regular expression"), std::string::npos);
  EXPECT_NE(error(R"({"opener": ""})").find("plugins.shell.opener"), std::string::npos);
  EXPECT_NE(error(R"({"scope": []})").find("unknown field 'scope'"), std::string::npos);
}

TEST(OpenConfig, WithNamesMapToLinuxProgramsOrAreRefused) {
  auto c = parse_open_config(json::parse("{}"));
  EXPECT_EQ(opener_command(c, std::nullopt), (std::vector<std::string>{"xdg-open"}));
  EXPECT_EQ(opener_command(c, "google chrome"), (std::vector<std::string>{"google-chrome"}));
  EXPECT_EQ(opener_command(c, "gio"), (std::vector<std::string>{"gio", "open"}));
  EXPECT_THROW(opener_command(c, "safari"), std::runtime_error);
  EXPECT_THROW(opener_command(c, "/bin/sh"), std::runtime_error);
  EXPECT_THROW(opener_command(c, "bash"), std::runtime_error);
}
