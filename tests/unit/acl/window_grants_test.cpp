// The authority's side of runtime grants (acl/window_grants.hpp): put_capability swaps one
// capability in or replaces it in one resolution, a synthesized capability's exact origins match
// only that origin, and the window glob a grant names matches only its label.
#include <gtest/gtest.h>

#include "acl/window_grants.hpp"
#include "acl/window_glob.hpp"
#include "acl_test_support.hpp"

using namespace warden::acl;
using namespace warden::acl::test;

namespace {

const char* kFs = R"(
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
)";

std::shared_ptr<Authority> editable(const std::string& caps) {
  auto manifests = std::make_shared<const ManifestSet>(std::vector<PluginManifest>{manifest("fs", {kFs})});
  return std::make_shared<Authority>(manifests, capabilities(caps), Target::linux);
}

const std::string kMain = R"([{"identifier": "c", "windows": ["main", "*"], "permissions": ["fs:allow-read"]},
  {"identifier": "r", "windows": ["main"], "local": false, "remote": {"urls": ["https://a.example/*"]},
   "permissions": ["fs:allow-read"]}])";

std::size_t global_entries(const Authority& a, const std::string& window, const Origin& origin) {
  Decision d = a.check("plugin:fs|read", window, window, origin);
  std::size_t n = 0;
  for (const Scopes* s : d.global_scopes) n += s->allow.size();
  return n;
}

}  // namespace

TEST(WindowGrants, PutCapabilityReplacesInOneSwapAndChangesNothingWhenItFails) {
  auto a = editable(kMain);
  Capability cap;
  cap.identifier = "warden:grant-1";
  cap.windows = {"main"};
  cap.granted_scopes.push_back({"fs", Scopes{{boost::json::value("/x")}, {}}});
  a->put_capability(cap);
  auto first = a->snapshot();
  cap.granted_scopes[0].second.allow.emplace_back("/y");
  a->put_capability(cap);
  EXPECT_NE(a->snapshot(), first);
  EXPECT_EQ(global_entries(*a, "main", Origin::local()), 2u);
  EXPECT_EQ(a->snapshot()->capabilities.size(), 3u);  // replaced, not added
  Capability bad = cap;
  bad.permissions.push_back({"fs:nope", {}, {}});
  auto before = a->snapshot();
  EXPECT_THROW(a->put_capability(bad), Error);
  EXPECT_EQ(a->snapshot(), before);
}

TEST(WindowGrants, ExactOriginsMatchOnlyThatOrigin) {
  auto a = editable(kMain);
  WindowGrants grants(a);
  ASSERT_FALSE(grants.grant_fs({"main", "https://a.example"}, {"/granted"}));
  EXPECT_EQ(global_entries(*a, "main", Origin::remote("https://a.example/page")), 1u);
  EXPECT_EQ(global_entries(*a, "main", Origin::remote("https://a.example:8443/page")), 0u);
  EXPECT_EQ(global_entries(*a, "main", Origin::remote("https://a.example.evil/page")), 0u);
  EXPECT_EQ(global_entries(*a, "main", Origin::local()), 0u);
  EXPECT_EQ(global_entries(*a, "other", Origin::local()), 0u);
}

TEST(WindowGrants, TheWindowGlobMatchesOnlyTheLabel) {
  EXPECT_EQ(literal_window_glob("main"), "main");
  auto g = WindowGlob::compile(literal_window_glob("a*[b]?"));
  EXPECT_TRUE(g.matches("a*[b]?"));
  EXPECT_FALSE(g.matches("axxx[b]c"));
  EXPECT_FALSE(g.matches("ab"));
}

TEST(WindowGrants, ForgettingAWindowLeavesTheOthers) {
  auto a = editable(kMain);
  WindowGrants grants(a);
  ASSERT_FALSE(grants.grant_fs({"main", std::nullopt}, {"/m"}));
  ASSERT_FALSE(grants.grant_fs({"other", std::nullopt}, {"/o"}));
  ASSERT_FALSE(grants.grant_asset({"other", std::nullopt}, {"/o.png"}));
  grants.forget_window("main");
  EXPECT_EQ(global_entries(*a, "main", Origin::local()), 0u);
  EXPECT_EQ(global_entries(*a, "other", Origin::local()), 1u);
  EXPECT_EQ(grants.asset_patterns("other", true, ""), std::vector<std::string>{"/o.png"});
}

TEST(WindowGrants, AssetGrantsAreBoundedPerWindowToo) {
  WindowGrants grants(editable(kMain), 3);
  EXPECT_FALSE(grants.grant_asset({"main", std::nullopt}, {"/a", "/a/*"}));
  EXPECT_FALSE(grants.grant_asset({"main", std::nullopt}, {"/a", "/a/*"}));  // nothing new
  auto refused = grants.grant_asset({"main", "https://a.example"}, {"/b", "/b/*"});  // other origin, same window
  ASSERT_TRUE(refused);
  EXPECT_NE(refused->find("at most 3 per window"), std::string::npos) << *refused;
  EXPECT_TRUE(grants.asset_patterns("main", false, "https://a.example").empty());
  EXPECT_EQ(grants.asset_count("main"), 2u);
  EXPECT_FALSE(grants.grant_asset({"other", std::nullopt}, {"/b", "/b/*"}));
}
