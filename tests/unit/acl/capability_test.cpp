#include <gtest/gtest.h>

#include "acl/capability.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;

namespace {

Error capability_error(const std::string& text, FileFormat format = FileFormat::json) {
  return warden::acl::test::thrown_error([&] { parse_capability_file(text, format, "cap.json"); });
}

}  // namespace

TEST(Capability, JsonWithCommentsAndTrailingCommas) {
  auto caps = parse_capability_file(R"({
  // the main window
  "$schema": "../gen/schemas/desktop-schema.json",
  "identifier": "main-cap",
  "description": "main", /* block comment */
  "windows": ["main", "editor-*",],
  "webviews": ["child"],
  "permissions": [
    "fs:default",
    {"identifier": "fs:allow-read", "allow": [{"path": "$APP/**"}], "deny": [{"path": "$APP/secret"}]},
  ],
  "platforms": ["linux", "windows"],
  "local": false,
  "remote": {"urls": ["https://tauri.app"]},
})", FileFormat::json, "c.json");
  ASSERT_EQ(caps.size(), 1u);
  const auto& c = caps[0];
  EXPECT_EQ(c.identifier, "main-cap");
  EXPECT_EQ(c.windows, (std::vector<std::string>{"main", "editor-*"}));
  EXPECT_EQ(c.webviews, std::vector<std::string>{"child"});
  ASSERT_EQ(c.permissions.size(), 2u);
  EXPECT_EQ(c.permissions[0].identifier, "fs:default");
  EXPECT_TRUE(c.permissions[0].extra.empty());
  EXPECT_EQ(c.permissions[1].extra.allow.size(), 1u);
  EXPECT_EQ(c.permissions[1].extra.deny.size(), 1u);
  EXPECT_EQ(c.permissions[1].where.line, 10);
  EXPECT_FALSE(c.local);
  EXPECT_EQ(c.remote_urls, std::vector<std::string>{"https://tauri.app"});
  ASSERT_TRUE(c.platforms);
}

TEST(Capability, LocalDefaultsToTrue) {
  auto caps = parse_capability_file(R"({"identifier": "c", "windows": ["*"], "permissions": []})", FileFormat::json, "c");
  EXPECT_TRUE(caps[0].local);
  EXPECT_FALSE(caps[0].platforms);
}

TEST(Capability, ListsAndNamedLists) {
  auto list = parse_capability_file(R"([{"identifier": "a", "permissions": []}, {"identifier": "b", "permissions": []}])",
                                    FileFormat::json, "l.json");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[1].identifier, "b");
  auto named = parse_capability_file(R"({"capabilities": [{"identifier": "x", "permissions": []}]})", FileFormat::json, "n");
  ASSERT_EQ(named.size(), 1u);
  auto toml = parse_capability_file(R"(
[[capabilities]]
identifier = "one"
windows = ["main"]
permissions = ["fs:default"]

[[capabilities]]
identifier = "two"
permissions = [{ identifier = "fs:read", allow = [{ path = "$HOME" }] }]
)", FileFormat::toml, "c.toml");
  ASSERT_EQ(toml.size(), 2u);
  EXPECT_EQ(toml[1].permissions[0].extra.allow.size(), 1u);
  EXPECT_EQ(toml[1].permissions[0].where.line, 9);
}

TEST(Capability, ErrorsNameFieldAndLine) {
  auto e = capability_error("{\n \"identifier\": \"c\",\n \"windows\": [\"main\"],\n \"permissions\": [\"fs:read\", 42]\n}");
  EXPECT_EQ(e.kind(), ErrorKind::wrong_type);
  EXPECT_EQ(e.where().field, "permissions[1]");
  EXPECT_EQ(e.where().line, 4);

  auto id = capability_error("{\"identifier\": \"c\", \"permissions\": [\"fs:re_ad\"]}");
  EXPECT_EQ(id.kind(), ErrorKind::invalid_identifier);
  EXPECT_EQ(id.where().field, "permissions[0]");

  auto unknown = capability_error("{\"identifier\": \"c\", \"permissions\": [], \"window\": [\"main\"]}");
  EXPECT_EQ(unknown.kind(), ErrorKind::unknown_field);
  EXPECT_EQ(unknown.where().field, "window");

  auto missing = capability_error("{\"identifier\": \"c\"}");
  EXPECT_EQ(missing.kind(), ErrorKind::missing_field);
}

TEST(Capability, BadWindowGlobIsAnError) {
  auto e = capability_error("{\"identifier\": \"c\", \"windows\": [\"ok\", \"bad[\"], \"permissions\": []}");
  EXPECT_EQ(e.kind(), ErrorKind::invalid_window_pattern);
  EXPECT_EQ(e.where().field, "windows[1]");
}

TEST(Capability, BadRemoteUrlPatternIsAnErrorWithItsField) {
  auto e = capability_error("{\"identifier\": \"c\",\n\"remote\": {\"urls\": [\"https://tauri.app/a:1\"]}, \"permissions\": []}");
  EXPECT_EQ(e.kind(), ErrorKind::invalid_url_pattern);
  EXPECT_EQ(e.where().file, "cap.json");
  EXPECT_EQ(e.where().field, "remote.urls[0]");
  EXPECT_EQ(e.where().line, 2);
}

TEST(Capability, LoadFromFileNeedsAKnownExtension) {
  warden::acl::test::TempDir dir;
  auto p = dir.write("cap.yaml", "identifier: x");
  EXPECT_EQ(warden::acl::test::thrown_kind([&] { load_capability_file(p); }), ErrorKind::unsupported_file_type);
  auto ok = dir.write("cap.toml", "identifier = \"x\"\npermissions = []\n");
  EXPECT_EQ(load_capability_file(ok)[0].where.file, ok.string());
}

// Tauri ignores keys its Capability struct does not know (real apps carry "context" from
// Tauri's betas, or "permissions" inside a permission entry): they load here too, with a warning.
TEST(Capability, UnknownKeysFarFromAnyFieldAreIgnoredAsTauriDoes) {
  auto caps = parse_capability_file(R"({"identifier": "c", "context": "local", "windows": ["main"],
    "permissions": [{"identifier": "fs:allow-read", "allow": [{"path": "$APP"}], "permissions": ["x"]}]})",
                                    FileFormat::json, "cap.json");
  ASSERT_EQ(caps.size(), 1u);
  EXPECT_EQ(caps[0].windows.size(), 1u);
  ASSERT_EQ(caps[0].permissions.size(), 1u);
  EXPECT_EQ(caps[0].permissions[0].identifier, "fs:allow-read");
  EXPECT_EQ(caps[0].permissions[0].extra.allow.size(), 1u);
}

// Ignoring a misspelt "webviews" would widen the capability to every webview of its windows.
TEST(Capability, UnknownKeysCloseToAFieldStayErrors) {
  auto e = capability_error(R"({"identifier": "c", "windows": ["main"], "webveiws": ["child"], "permissions": []})");
  EXPECT_EQ(e.kind(), ErrorKind::unknown_field);
  EXPECT_EQ(e.where().field, "webveiws");
  EXPECT_NE(e.detail().find("'webviews'"), std::string::npos) << e.what();
  auto entry = capability_error(R"({"identifier": "c", "permissions": [{"identifier": "fs:read", "alow": []}]})");
  EXPECT_EQ(entry.kind(), ErrorKind::unknown_field);
  EXPECT_EQ(entry.where().field, "permissions[0].alow");
}

// As Tauri's identifiers: ASCII letters of either case (plugins generate allow-registerListener).
TEST(Capability, IdentifiersMayHoldUppercaseLetters) {
  auto caps = parse_capability_file(R"({"identifier": "c", "permissions": ["vpnservice:allow-registerListener"]})",
                                    FileFormat::json, "cap.json");
  EXPECT_EQ(caps[0].permissions[0].identifier, "vpnservice:allow-registerListener");
}
