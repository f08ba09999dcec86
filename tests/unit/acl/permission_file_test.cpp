#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "acl/permission_file.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;

namespace {

Error parse_error(const std::string& text, FileFormat format = FileFormat::toml) {
  return warden::acl::test::thrown_error([&] { parse_permission_file(text, format, "perm.toml"); });
}

}  // namespace

TEST(PermissionFile, ParsesTomlLayout) {
  auto file = parse_permission_file(R"(
"$schema" = "schemas/schema.json"
[default]
description = "defaults"
permissions = ["allow-read", "other:default"]

[[permission]]
identifier = "allow-read"
description = "Reads."
commands.allow = ["read"]
commands.deny = ["write"]
platforms = ["linux", "macOS"]
[[permission.scope.allow]]
path = "$HOME/**"
[[permission.scope.deny]]
path = "$HOME/.ssh"

[[set]]
identifier = "all"
description = "everything"
permissions = ["allow-read"]
)", FileFormat::toml, "p.toml");
  ASSERT_TRUE(file.default_set);
  EXPECT_EQ(file.default_set->permissions, (std::vector<std::string>{"allow-read", "other:default"}));
  ASSERT_EQ(file.permissions.size(), 1u);
  const auto& p = file.permissions[0];
  EXPECT_EQ(p.identifier, "allow-read");
  EXPECT_EQ(p.commands_allow, std::vector<std::string>{"read"});
  EXPECT_EQ(p.commands_deny, std::vector<std::string>{"write"});
  ASSERT_TRUE(p.platforms);
  EXPECT_EQ(*p.platforms, (std::vector<std::string>{"linux", "macOS"}));
  ASSERT_EQ(p.scope.allow.size(), 1u);
  EXPECT_EQ(p.scope.allow[0].at("path").as_string(), "$HOME/**");
  EXPECT_EQ(p.scope.deny[0].at("path").as_string(), "$HOME/.ssh");
  ASSERT_EQ(file.sets.size(), 1u);
  EXPECT_EQ(file.sets[0].permissions, std::vector<std::string>{"allow-read"});
  EXPECT_TRUE(file.warnings.empty());
}

TEST(PermissionFile, JsonAndTomlGiveTheSameResult) {
  auto toml = parse_permission_file(R"(
[[permission]]
identifier = "allow-x"
commands.allow = ["x"]
scope.allow = [1, "two", { nested = [true, 3.5] }]
)", FileFormat::toml, "a.toml");
  auto json = parse_permission_file(R"({
  "permission": [{"identifier": "allow-x", "commands": {"allow": ["x"]},
                  "scope": {"allow": [1, "two", {"nested": [true, 3.5]}]}}]
})", FileFormat::json, "a.json");
  EXPECT_EQ(boost::json::serialize(to_json(toml)), boost::json::serialize(to_json(json)));
  EXPECT_EQ(to_json(toml).at("default"), nullptr);
}

TEST(PermissionFile, ScopeValuesKeepTheirType) {
  auto file = parse_permission_file(R"(
[[permission]]
identifier = "s"
scope.allow = ["plain", 42, false, { url = "https://x" }, [1, 2], 1979-05-27]
)", FileFormat::toml, "s.toml");
  const auto& allow = file.permissions[0].scope.allow;
  ASSERT_EQ(allow.size(), 6u);
  EXPECT_TRUE(allow[0].is_string());
  EXPECT_EQ(allow[1].as_int64(), 42);
  EXPECT_TRUE(allow[2].is_bool());
  EXPECT_TRUE(allow[3].is_object());
  EXPECT_TRUE(allow[4].is_array());
  EXPECT_EQ(allow[5].as_string(), "1979-05-27");
}

TEST(PermissionFile, SyntaxErrorsNameFileAndLine) {
  auto e = parse_error("[[permission]]\nidentifier = \"a\"\ncommands.allow = [\"x\"\n");
  EXPECT_EQ(e.kind(), ErrorKind::syntax);
  EXPECT_EQ(e.where().file, "perm.toml");
  ASSERT_TRUE(e.where().line);
  EXPECT_GE(*e.where().line, 3);

  auto j = parse_error("{\n  \"permission\": [\n    {\"identifier\": }\n  ]\n}", FileFormat::json);
  EXPECT_EQ(j.kind(), ErrorKind::syntax);
  ASSERT_TRUE(j.where().line);
  EXPECT_EQ(*j.where().line, 3);
}

TEST(PermissionFile, FieldErrorsNameFieldAndLine) {
  auto e = parse_error("[[permission]]\nidentifier = \"ok\"\n\n[[permission]]\nidentifier = \"Bad_Name\"\n");
  EXPECT_EQ(e.kind(), ErrorKind::invalid_identifier);
  EXPECT_EQ(e.where().field, "permission[1].identifier");
  EXPECT_EQ(e.where().line, 5);
  // The message's feature: it starts "file:line:", which editors jump to.
  EXPECT_NE(std::string(e.what()).find("perm.toml:5"), std::string::npos) << e.what();

  auto j = parse_error("{\"permission\": [\n {\"identifier\": \"a\",\n  \"commands\": {\"allow\": \"read\"}}]}", FileFormat::json);
  EXPECT_EQ(j.where().field, "permission[0].commands.allow");
  EXPECT_EQ(j.where().line, 3);
  EXPECT_EQ(j.kind(), ErrorKind::wrong_type);
  // The message's feature: it says what was expected and what was found.
  EXPECT_NE(j.detail().find("expected an array, found a string"), std::string::npos) << j.what();
}

TEST(PermissionFile, UnknownFieldSuggestsTheClosest) {
  auto e = parse_error("[[permission]]\nidentifier = \"a\"\ncomands.allow = [\"x\"]\n");
  EXPECT_EQ(e.kind(), ErrorKind::unknown_field);
  EXPECT_EQ(e.where().field, "permission[0].comands");
  EXPECT_NE(e.detail().find("'commands'"), std::string::npos) << e.what();
}

TEST(PermissionFile, MalformedIdentifiersAreRejected) {
  for (const char* id : {"", "-lead", "trail-", "with_underscore", "a:b", "tauri-plugin-x", "sp ace"}) {
    auto e = parse_error(std::string("[[permission]]\nidentifier = \"") + id + "\"\n");
    EXPECT_EQ(e.kind(), ErrorKind::invalid_identifier) << id;
    EXPECT_EQ(e.where().field, "permission[0].identifier") << id;
  }
  auto set = parse_error("[[set]]\nidentifier = \"s\"\npermissions = [\"fs::read\"]\n");
  EXPECT_EQ(set.kind(), ErrorKind::invalid_identifier);
  EXPECT_EQ(set.where().field, "set[0].permissions[0]");
  auto longest = parse_error("[[permission]]\nidentifier = \"" + std::string(200, 'a') + "\"\n");
  EXPECT_EQ(longest.kind(), ErrorKind::invalid_identifier);
  EXPECT_EQ(longest.where().field, "permission[0].identifier");
}

TEST(PermissionFile, MissingAndDuplicateIdentifiers) {
  auto missing = parse_error("[[permission]]\ndescription = \"x\"\n");
  EXPECT_EQ(missing.kind(), ErrorKind::missing_field);
  EXPECT_EQ(missing.where().field, "permission[0]");
  auto dup = parse_error("[[permission]]\nidentifier = \"a\"\n[[set]]\nidentifier = \"a\"\npermissions = []\n");
  EXPECT_EQ(dup.kind(), ErrorKind::duplicate_identifier);
  EXPECT_EQ(dup.where().field, "set[0].identifier");
}

TEST(PermissionFile, UnknownPlatformIsAnError) {
  auto e = parse_error("[[permission]]\nidentifier = \"a\"\nplatforms = [\"linux\", \"bsd\"]\n");
  EXPECT_EQ(e.kind(), ErrorKind::invalid_value);
  EXPECT_EQ(e.where().field, "permission[0].platforms[1]");
}

TEST(PermissionFile, TopLevelScopeIsIgnoredWithAWarning) {
  // TOML attaches [[scope.deny]] after [[permission]] to the root table, not to the permission.
  auto file = parse_permission_file("[[permission]]\nidentifier = \"a\"\n\n[[scope.deny]]\npath = \"$X\"\n",
                                    FileFormat::toml, "w.toml");
  EXPECT_TRUE(file.permissions[0].scope.empty());
  ASSERT_EQ(file.warnings.size(), 1u);
  EXPECT_NE(file.warnings[0].find("w.toml:4"), std::string::npos) << file.warnings[0];
}

TEST(PermissionFile, WrongRootTypeIsAnError) {
  auto e = parse_error("[1, 2]", FileFormat::json);
  EXPECT_EQ(e.kind(), ErrorKind::wrong_type);
  EXPECT_EQ(e.where().field, "");
}
