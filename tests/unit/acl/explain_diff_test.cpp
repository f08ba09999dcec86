#include <gtest/gtest.h>

#include "acl/acl_diff.hpp"
#include "acl/closest_identifier.hpp"
#include "acl/explain.hpp"
#include "acl_test_support.hpp"

using namespace warden::acl;
using namespace warden::acl::test;

namespace {

const char* kFs = R"(
[[permission]]
identifier = "allow-read-dir"
commands.allow = ["read_dir"]
[[permission]]
identifier = "deny-read-dir"
commands.deny = ["read_dir"]
[[permission]]
identifier = "allow-write"
commands.allow = ["write"]
[[set]]
identifier = "read"
description = "reading"
permissions = ["allow-read-dir"]
[default]
permissions = ["read"]
)";

}  // namespace

TEST(Explain, NamesCapabilityEntryAndPermission) {
  ManifestSet set({manifest("fs", {kFs})});
  auto acl = resolve_acl(set, capabilities(R"({"identifier": "main-cap", "windows": ["main"], "permissions": ["fs:read"]})"),
                         Target::linux);
  auto e = explain(set, acl, "plugin:fs|read_dir", "main", "main", Origin::local());
  EXPECT_TRUE(e.at("allowed").as_bool());
  const auto& applied = e.at("applied").as_array();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].at("capability").as_string(), "main-cap");
  EXPECT_EQ(applied[0].at("entry").as_string(), "fs:read");
  EXPECT_EQ(applied[0].at("via").as_array()[0].as_string(), "fs:allow-read-dir");
  EXPECT_NE(explain_text(e).find("ALLOWED"), std::string::npos);
}

TEST(Explain, DeniedCallSaysWhereItWouldBeAllowed) {
  ManifestSet set({manifest("fs", {kFs})});
  auto acl = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:read"]})"),
                         Target::linux);
  auto e = explain(set, acl, "plugin:fs|read_dir", "settings", "settings", Origin::local());
  EXPECT_FALSE(e.at("allowed").as_bool());
  ASSERT_EQ(e.at("allowed_on").as_array().size(), 1u);
  EXPECT_EQ(e.at("allowed_on").as_array()[0].at("windows").as_array()[0].as_string(), "main");
  EXPECT_NE(std::string(e.at("reason").as_string()).find("main"), std::string::npos);
}

TEST(Explain, UngrantedCommandListsPermissionsThatWouldGrantIt) {
  ManifestSet set({manifest("fs", {kFs})});
  auto acl = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:read"]})"),
                         Target::linux);
  auto e = explain(set, acl, "plugin:fs|write", "main", "main", Origin::local());
  const auto& granting = e.at("granted_by_permissions").as_array();
  ASSERT_EQ(granting.size(), 1u);
  EXPECT_EQ(granting[0].as_string(), "fs:allow-write");
  auto r = explain(set, acl, "plugin:fs|read_dir", "x", "x", Origin::local()).at("granted_by_permissions").as_array();
  std::vector<std::string> names;
  for (const auto& v : r) names.emplace_back(v.as_string());
  EXPECT_NE(std::find(names.begin(), names.end(), "fs:read"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "fs:default"), names.end());
}

TEST(Explain, DenyIsNamed) {
  ManifestSet set({manifest("fs", {kFs})});
  auto acl = resolve_acl(set, capabilities(R"([{"identifier": "a", "windows": ["*"], "permissions": ["fs:read"]},
      {"identifier": "d", "windows": ["kiosk"], "permissions": ["fs:deny-read-dir"]}])"), Target::linux);
  auto e = explain(set, acl, "plugin:fs|read_dir", "kiosk", "kiosk", Origin::local());
  EXPECT_FALSE(e.at("allowed").as_bool());
  std::string reason(e.at("reason").as_string());
  EXPECT_NE(reason.find("capability 'd'"), std::string::npos) << reason;
  EXPECT_NE(reason.find("fs:deny-read-dir"), std::string::npos) << reason;
}

TEST(AclDiff, GainedAndLostAccess) {
  ManifestSet set({manifest("fs", {kFs})});
  auto before = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:read"]})"),
                            Target::linux);
  auto after = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["main", "tools"], "permissions": ["fs:allow-write"]})"),
                           Target::linux);
  auto d = diff_acl(*before, *after);
  ASSERT_EQ(d.at("gained").as_array().size(), 1u);
  EXPECT_EQ(d.at("gained").as_array()[0].at("command").as_string(), "plugin:fs|write");
  ASSERT_EQ(d.at("lost").as_array().size(), 1u);
  EXPECT_EQ(d.at("lost").as_array()[0].at("command").as_string(), "plugin:fs|read_dir");
}

TEST(AclDiff, RenamingACapabilityIsNoChange) {
  ManifestSet set({manifest("fs", {kFs})});
  auto before = resolve_acl(set, capabilities(R"({"identifier": "old", "windows": ["main"], "permissions": ["fs:read"]})"), Target::linux);
  auto after = resolve_acl(set, capabilities(R"({"identifier": "new", "windows": ["main"], "permissions": ["fs:allow-read-dir"]})"), Target::linux);
  auto d = diff_acl(*before, *after);
  EXPECT_TRUE(d.at("gained").as_array().empty());
  EXPECT_TRUE(d.at("lost").as_array().empty());
}

TEST(AclDiff, WideningAWindowGlobIsGainedAccess) {
  ManifestSet set({manifest("fs", {kFs})});
  auto before = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:read"]})"), Target::linux);
  auto after = resolve_acl(set, capabilities(R"({"identifier": "c", "windows": ["*"], "permissions": ["fs:read"]})"), Target::linux);
  auto d = diff_acl(*before, *after);
  EXPECT_EQ(d.at("gained").as_array().size(), 1u);
  EXPECT_EQ(d.at("lost").as_array().size(), 1u);
}

TEST(ClosestIdentifier, RanksAndBounds) {
  std::vector<std::string> ids{"allow-read", "allow-write", "deny-read", "default"};
  EXPECT_EQ(closest_identifiers("allow-raed", ids).front(), "allow-read");
  EXPECT_EQ(closest_identifiers("read", ids).front(), "allow-read");
  EXPECT_TRUE(closest_identifiers("completely-unrelated-name", ids).empty());
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}
