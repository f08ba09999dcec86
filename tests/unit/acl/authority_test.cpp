#include <gtest/gtest.h>

#include <thread>

#include "acl/authority.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using namespace warden::acl::test;

namespace {

const char* kFs = R"(
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
scope.allow = [{ path = "$DOC/**" }]
[[permission]]
identifier = "allow-read-unscoped"
commands.allow = ["read"]
[[permission]]
identifier = "allow-write"
commands.allow = ["write"]
[[permission]]
identifier = "deny-write"
commands.deny = ["write"]
[[permission]]
identifier = "scope-home"
scope.allow = [{ path = "$HOME/**" }]
[[permission]]
identifier = "scope-tmp"
scope.allow = [{ path = "$TMP/**" }]
)";

Authority authority(const std::string& caps, Target target = Target::linux) {
  return Authority(resolve({manifest("fs", {kFs})}, caps, target));
}

const Origin kLocal = Origin::local();

}  // namespace

TEST(Authority, AllowsOnlyGrantedWindows) {
  auto a = authority(R"({"identifier": "c", "windows": ["main", "editor-*"], "permissions": ["fs:allow-write"]})");
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  EXPECT_TRUE(a.check("plugin:fs|write", "editor-2", "editor-2", kLocal).allowed());
  auto other = a.check("plugin:fs|write", "settings", "settings", kLocal);
  EXPECT_FALSE(other.allowed());
  EXPECT_EQ(other.verdict, Verdict::not_granted_here);
  EXPECT_EQ(a.check("plugin:fs|read", "main", "main", kLocal).verdict, Verdict::unknown_command);
  EXPECT_EQ(a.check("", "main", "main", kLocal).verdict, Verdict::unknown_command);
}

TEST(Authority, WindowGlobEdgeCases) {
  auto a = authority(R"({"identifier": "c", "windows": ["pane-?", "[ab]-*"], "permissions": ["fs:allow-write"]})");
  EXPECT_TRUE(a.check("plugin:fs|write", "pane-1", "x", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "pane-10", "x", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "pane-?x", "x", kLocal).allowed());
  EXPECT_TRUE(a.check("plugin:fs|write", "b-", "x", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "c-1", "x", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "", "", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "PANE-1", "x", kLocal).allowed());
}

TEST(Authority, WebviewGlobsPlaceTheCallerToo) {
  auto a = authority(R"({"identifier": "c", "windows": ["main"], "webviews": ["child-*"], "permissions": ["fs:allow-write"]})");
  EXPECT_TRUE(a.check("plugin:fs|write", "other", "child-1", kLocal).allowed());
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "anything", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "other", "other", kLocal).allowed());
}

TEST(Authority, RemoteOriginsGetNothingUnlessListed) {
  auto a = authority(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:allow-write"]})");
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", Origin::remote("https://tauri.app/")).allowed());
}

TEST(Authority, RemoteUrlTricks) {
  auto a = authority(R"({"identifier": "c", "windows": ["main"], "local": false,
      "remote": {"urls": ["https://tauri.app", "https://*.example.com"]}, "permissions": ["fs:allow-write"]})");
  auto ok = [&](const char* url) { return a.check("plugin:fs|write", "main", "main", Origin::remote(url)).allowed(); };
  EXPECT_TRUE(ok("https://tauri.app"));
  EXPECT_TRUE(ok("https://tauri.app/"));
  EXPECT_TRUE(ok("https://v2.example.com/"));
  EXPECT_FALSE(ok("https://tauri.app@evil.com/"));          // userinfo trick
  EXPECT_FALSE(ok("https://evil.com@tauri.app/"));          // userinfo never matches
  EXPECT_FALSE(ok("https://tauri.app.evil.com/"));          // look-alike host
  EXPECT_FALSE(ok("https://tauri.apps/"));
  EXPECT_FALSE(ok("https://evil-tauri.app/"));
  EXPECT_FALSE(ok("http://tauri.app/"));                    // scheme
  EXPECT_FALSE(ok("https://tauri.app:8443/"));              // non-default port
  EXPECT_FALSE(ok("https://example.com.evil.org/"));
  EXPECT_FALSE(ok("not a url"));
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());  // local: false
}

TEST(Authority, PortPatterns) {
  auto a = authority(R"({"identifier": "c", "windows": ["main"], "local": false,
      "remote": {"urls": ["http://localhost:*"]}, "permissions": ["fs:allow-write"]})");
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", Origin::remote("http://localhost:1420/")).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", Origin::remote("http://localhost.evil.com:1420/")).allowed());
}

TEST(Authority, DenyBeatsAllowAcrossCapabilities) {
  auto a = authority(R"([
    {"identifier": "allow", "windows": ["*"], "permissions": ["fs:allow-write"]},
    {"identifier": "deny", "windows": ["untrusted"], "permissions": ["fs:deny-write"]}
  ])");
  auto denied = a.check("plugin:fs|write", "untrusted", "untrusted", kLocal);
  EXPECT_EQ(denied.verdict, Verdict::denied);
  ASSERT_TRUE(denied.denied_by);
  EXPECT_EQ(denied.acl->capabilities[denied.denied_by->capability].identifier, "deny");
  // A deny applies where its capability applies, not globally (a deliberate difference from Tauri).
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
}

TEST(Authority, DenyInTheSameCapabilityWins) {
  auto a = authority(R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:allow-write", "fs:deny-write"]})");
  EXPECT_EQ(a.check("plugin:fs|write", "main", "main", kLocal).verdict, Verdict::denied);
}

TEST(Authority, DenyForARemoteOriginDoesNotBlockLocal) {
  auto a = authority(R"([
    {"identifier": "allow", "windows": ["main"], "remote": {"urls": ["https://tauri.app"]}, "permissions": ["fs:allow-write"]},
    {"identifier": "deny", "windows": ["main"], "local": false, "remote": {"urls": ["https://tauri.app"]}, "permissions": ["fs:deny-write"]}
  ])");
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", Origin::remote("https://tauri.app/")).allowed());
}

TEST(Authority, ScopesOfEveryMatchingGrant) {
  auto a = authority(R"([
    {"identifier": "a", "windows": ["main"], "permissions": ["fs:allow-read", "fs:allow-read-unscoped"]},
    {"identifier": "b", "windows": ["*"], "permissions": [{"identifier": "fs:allow-read", "allow": [{"path": "$X"}]}]},
    {"identifier": "elsewhere", "windows": ["other"], "permissions": [{"identifier": "fs:allow-read", "deny": [{"path": "$Y"}]}]}
  ])");
  auto d = a.check("plugin:fs|read", "main", "main", kLocal);
  ASSERT_TRUE(d.allowed());
  EXPECT_EQ(d.matching_grants, 3u);
  ASSERT_EQ(d.command_scopes.size(), 2u);  // the unscoped grant adds none; "elsewhere" does not apply
  for (const auto* s : d.command_scopes) EXPECT_TRUE(s->deny.empty());
}

TEST(Authority, GlobalScopeOnlyFromCapabilitiesThatApplyToTheCaller) {
  auto a = authority(R"([
    {"identifier": "main", "windows": ["main"], "permissions": ["fs:allow-write", "fs:scope-home"]},
    {"identifier": "tmp", "windows": ["tools"], "permissions": ["fs:allow-write", "fs:scope-tmp"]}
  ])");
  auto d = a.check("plugin:fs|write", "main", "main", kLocal);
  ASSERT_TRUE(d.allowed());
  ASSERT_EQ(d.global_scopes.size(), 1u);
  EXPECT_EQ(d.global_scopes[0]->allow[0].at("path").as_string(), "$HOME/**");
  auto t = a.check("plugin:fs|write", "tools", "tools", kLocal);
  ASSERT_EQ(t.global_scopes.size(), 1u);
  EXPECT_EQ(t.global_scopes[0]->allow[0].at("path").as_string(), "$TMP/**");
}

TEST(Authority, GlobalScopeFollowsTheOriginToo) {
  auto a = authority(R"([
    {"identifier": "remote", "windows": ["main"], "local": false, "remote": {"urls": ["https://tauri.app"]},
     "permissions": ["fs:allow-write", "fs:scope-tmp"]},
    {"identifier": "local", "windows": ["main"], "permissions": ["fs:allow-write", "fs:scope-home"]}
  ])");
  auto d = a.check("plugin:fs|write", "main", "main", kLocal);
  ASSERT_EQ(d.global_scopes.size(), 1u);
  EXPECT_EQ(d.global_scopes[0]->allow[0].at("path").as_string(), "$HOME/**");
}

TEST(Authority, AddAndRevokeCapabilitiesWhileRunning) {
  auto manifests = std::make_shared<const ManifestSet>(std::vector<PluginManifest>{manifest("fs", {kFs})});
  Authority a(manifests, capabilities(R"({"identifier": "base", "windows": ["main"], "permissions": ["fs:allow-read"]})"),
              Target::linux);
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  auto before = a.snapshot();
  a.add_capability(capabilities(R"({"identifier": "more", "windows": ["main"], "permissions": ["fs:allow-write"]})")[0]);
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  EXPECT_FALSE(decide(before, "plugin:fs|write", "main", "main", kLocal).allowed());  // old snapshot unchanged
  // A bad capability changes nothing.
  EXPECT_EQ(warden::acl::test::thrown_kind(
                [&] { a.add_capability(capabilities(R"({"identifier": "bad", "permissions": ["fs:nope"]})")[0]); }),
            ErrorKind::unknown_permission);
  EXPECT_TRUE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  EXPECT_TRUE(a.revoke_capability("more"));
  EXPECT_FALSE(a.revoke_capability("more"));
  EXPECT_FALSE(a.check("plugin:fs|write", "main", "main", kLocal).allowed());
  EXPECT_TRUE(a.check("plugin:fs|read", "main", "main", kLocal).allowed());
}

TEST(Authority, ChecksDuringSwapsSeeAConsistentSnapshot) {
  auto manifests = std::make_shared<const ManifestSet>(std::vector<PluginManifest>{manifest("fs", {kFs})});
  Authority a(manifests, {}, Target::linux);
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) {
      auto d = a.check("plugin:fs|write", "main", "main", kLocal);
      if (d.allowed()) EXPECT_EQ(d.matching_grants, 1u);
    }
  });
  for (int i = 0; i < 50; ++i) {
    a.add_capability(capabilities(R"({"identifier": "w", "windows": ["main"], "permissions": ["fs:allow-write"]})")[0]);
    a.revoke_capability("w");
  }
  stop = true;
  reader.join();
}

TEST(Authority, AppCommandsAreBareNames) {
  auto app = manifest("", {"[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n"});
  Authority a(resolve({std::move(app)}, R"({"identifier": "c", "windows": ["main"], "permissions": ["allow-greet"]})"));
  EXPECT_TRUE(a.check("greet", "main", "main", kLocal).allowed());
  EXPECT_FALSE(a.check("plugin:|greet", "main", "main", kLocal).allowed());
}
