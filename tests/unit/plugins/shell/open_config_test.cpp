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
  auto c = parse_open_config(json::parse(R"({"open": "https://example\\.com/.*", "opener": "/opt/opener"})"));
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
  // The host removes its own keys before init (host_config_keys.hpp): here they are unknown.
  EXPECT_NE(error(R"({"path": "/x/libshell.so"})").find("unknown field 'path'"), std::string::npos);
  EXPECT_NE(error(R"({"sha256": "ab"})").find("unknown field 'sha256'"), std::string::npos);
}

// Issue 12, finding 9: mail clients attach the local file an `attach` field names.
TEST(OpenConfig, MailtoUrlsThatAttachFilesAreRefusedHoweverWritten) {
  for (const char* custom : {"{}", R"({"open": "mailto:.*"})"}) {
    auto c = parse_open_config(json::parse(custom));
    for (const char* path : {"mailto:victim@example.com?attach=/etc/passwd",
                             "mailto:victim@example.com?subject=hi&ATTACH=/etc/passwd",
                             "mailto:victim@example.com?%61ttach=/etc/passwd",
                             "mailto:victim@example.com?%2561ttach=%252Fetc%252Fpasswd",
                             "mailto:victim@example.com?%252561%252574tach=x",
                             "mailto:victim@example.com?attachment=file:///etc/shadow",
                             "mailto:victim@example.com?Attachments=/etc/passwd",
                             "mailto:victim@example.com?X-Attach=/etc/passwd",
                             "mailto:victim@example.com?body=x;Attachment=/etc/passwd",
                             "mailto:victim@example.com%3Fattach%3D/etc/passwd",
                             "mailto:victim@example.com?%20attach=/etc/passwd",
                             "mailto:victim@example.com?at%09tach=/etc/passwd",
                             "mailto:victim@example.com?subject=a&&attach=/etc/passwd"}) {
      std::string why = refusal(c, path);
      EXPECT_NE(why.find("makes mail clients attach a local file"), std::string::npos) << custom << " " << path << ": " << why;
    }
  }
  auto any = parse_open_config(json::parse(R"({"open": ".*"})"));
  EXPECT_NE(refusal(any, "MAILTO:victim@example.com?attach=/etc/passwd"), "");
  EXPECT_NE(refusal(any, " \tmailto:victim@example.com?attach=/etc/passwd"), "");
  // Plain messages still open, the word "attach" in a value included.
  auto c = parse_open_config(json::parse("{}"));
  EXPECT_EQ(refusal(c, "mailto:friend@example.com?subject=Hello%20there&body=see%20attached"), "");
  EXPECT_EQ(refusal(c, "mailto:attachments@example.com"), "");
  EXPECT_EQ(refusal(c, "mailto:a@example.com?cc=b@example.com&bcc=c@example.com&subject=attach%20me"), "");
  EXPECT_EQ(refusal(c, "https://example.com/?attach=/etc/passwd"), "");  // not mail: the browser's business
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
