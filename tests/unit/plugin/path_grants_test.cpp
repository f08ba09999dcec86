// warden.grants/1's judgment and grant (plugin/path_grants.hpp, acl/window_grants.hpp) over a real
// authority and real files: a grant reaches the calling window and origin only, exactly the path
// picked (its glob metacharacters escaped), never a host-private folder; the fs scope changes by
// the authority's swap, a capability's deny still wins, the count per window is bounded, and the
// grant goes with its window. The extension itself is reached through a real HostServices.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "acl/app_config.hpp"
#include "acl/capability.hpp"
#include "acl/error.hpp"
#include "acl/granted_path_pattern.hpp"
#include "acl/permission_file.hpp"
#include "log/log.hpp"
#include "plugin/call.hpp"
#include "plugin/host_config_keys.hpp"
#include "plugin/host_services.hpp"
#include "plugin/path_grants.hpp"
#include "plugin/path_scope.hpp"
#include "temp_dir.hpp"
#include "warden/ext/grants.h"

using namespace warden;
using namespace warden::plugin;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const char* kFsPermissions = R"(
[[permission]]
identifier = "allow-read-file"
commands.allow = ["read_file"]
)";

const std::string kRemote = "https://remote.example";

class PathGrantsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"picked/a.txt", "picked/sub/b.txt", "picked/.hidden", "picked/secret.txt", "outside.txt",
                          "data/notes.txt", "data/private/log.txt"})
      dir.write(f, "x");
    env.private_paths = {(dir / "data/private").string()};
    authority = make_authority(R"([
      {"identifier": "main", "windows": ["main", "other"],
       "permissions": [{"identifier": "fs:allow-read-file", "deny": [")" + (dir / "picked/secret.txt").string() + R"("]}]},
      {"identifier": "site", "windows": ["main"], "local": false, "remote": {"urls": ["https://remote.example/*"]},
       "permissions": ["fs:allow-read-file"]}])");
    make_judge(WindowGrants_limit);
  }

  std::shared_ptr<acl::Authority> make_authority(const std::string& caps) {
    acl::PluginManifest fs_manifest{"fs", "test manifest fs", {}};
    fs_manifest.files.push_back(acl::parse_permission_file(kFsPermissions, acl::FileFormat::toml, "fs/a.toml"));
    auto manifests = std::make_shared<const acl::ManifestSet>(std::vector<acl::PluginManifest>{fs_manifest});
    return std::make_shared<acl::Authority>(manifests, acl::parse_capability_file(caps, acl::FileFormat::json, "caps.json"),
                                            acl::Target::linux);
  }

  void make_judge(std::size_t limit, bool asset = true) {
    grants = std::make_shared<acl::WindowGrants>(authority, limit);
    PathGrantSettings s;
    s.config_file = "/app/warden.conf.json";
    s.allowed = {{"dialog", {"fs", "asset"}}, {"fs-only", {"fs"}}};
    s.asset_protocol = asset;
    s.paths = env;
    s.caller_present = [this](const Caller& c) { return !gone || c.window != *gone; };
    judge = std::make_unique<PathGrants>(std::move(s), grants);
  }

  GrantOutcome grant(const std::string& path, bool recursive = false, std::string window = "main",
                     std::string origin = "app://localhost", std::string scope = "fs", std::string plugin = "dialog") {
    GrantRequest r;
    r.plugin = plugin;
    r.caller = Caller{window, window, origin, 1};
    r.scope = scope;
    r.path = path;
    r.recursive = recursive;
    return judge->grant(r);
  }
  GrantOutcome grant(const fs::path& path, bool recursive = false) { return grant(path.string(), recursive); }

  static json::value merged(const auto& scopes) {
    if (scopes.empty()) return nullptr;
    json::array allow, deny;
    for (const acl::Scopes* s : scopes) {
      allow.insert(allow.end(), s->allow.begin(), s->allow.end());
      deny.insert(deny.end(), s->deny.begin(), s->deny.end());
    }
    return json::object{{"allow", allow}, {"deny", deny}};
  }

  // What plugin:fs|read_file would be allowed to open, as the dispatcher and check_path decide.
  bool reads(const fs::path& path, const std::string& window = "main", acl::Origin origin = acl::Origin::local()) {
    acl::Decision d = authority->check("plugin:fs|read_file", window, window, origin);
    if (!d.allowed()) return false;
    json::value scopes = json::object{{"command", merged(d.command_scopes)}, {"global", merged(d.global_scopes)}};
    return path_in_scope(path.string(), scopes, env) == ScopeDecision::allowed;
  }

  static constexpr std::size_t WindowGrants_limit = 1024;
  test::TempDir dir{"warden-grants"};
  PathEnvironment env;
  std::shared_ptr<acl::Authority> authority;
  std::shared_ptr<acl::WindowGrants> grants;
  std::unique_ptr<PathGrants> judge;
  std::optional<std::string> gone;
};

}  // namespace

TEST(GrantsConfig, ReadsTheGrantsKeyAndHidesItFromThePlugin) {
  auto config = acl::parse_app_config(R"({"plugins": {"dialog": {"grants": ["fs", "asset"], "x": 1}}})", "app/warden.conf.json", "/app");
  EXPECT_EQ(config.plugin_grants.at("dialog"), (std::vector<std::string>{"fs", "asset"}));
  json::value entry = json::parse(R"({"grants": ["fs"], "x": 1})");
  EXPECT_EQ(plugin_own_config(&entry), R"({"x":1})");
}

TEST(GrantsConfig, UnknownScopeOrWrongTypeStopsTheRunNamingFileAndField) {
  auto message = [](const char* text) {
    try {
      acl::parse_app_config(text, "app/warden.conf.json", "/app");
    } catch (const acl::Error& e) {
      return std::string(e.what()) + " @ " + e.where().file + " " + e.where().field;
    }
    return std::string("accepted");
  };
  std::string unknown = message(R"({"plugins": {"dialog": {"grants": ["fs", "net"]}}})");
  EXPECT_NE(unknown.find("unknown scope 'net'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("app/warden.conf.json plugins.dialog.grants[1]"), std::string::npos) << unknown;
  std::string wrong = message(R"({"plugins": {"dialog": {"grants": "fs"}}})");
  EXPECT_NE(wrong.find("app/warden.conf.json plugins.dialog.grants"), std::string::npos) << wrong;
  EXPECT_NE(message(R"({"plugins": {"dialog": {"grants": [1]}}})"), "accepted");
}

TEST(GrantsConfig, CapabilityFilesCannotUseTheReservedIdentifiers) {
  EXPECT_THROW(acl::parse_capability_file(R"({"identifier": "warden:grant-1", "permissions": []})", acl::FileFormat::json, "c.json"),
               acl::Error);
}

TEST_F(PathGrantsTest, RefusedWhenTheConfigDoesNotListTheScope) {
  auto out = grant((dir / "picked").string(), false, "main", "app://localhost", "fs", "opener");
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("plugins.opener.grants"), std::string::npos) << out.reason;
  out = grant((dir / "picked").string(), false, "main", "app://localhost", "asset", "fs-only");
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("\"asset\" to plugins.fs-only.grants in /app/warden.conf.json"), std::string::npos) << out.reason;
  EXPECT_EQ(grant((dir / "picked").string(), false, "main", "app://localhost", "net").status, 0);
  EXPECT_FALSE(reads(dir / "picked/a.txt"));
}

TEST_F(PathGrantsTest, AFolderReachesTheCallingWindowOnly) {
  EXPECT_FALSE(reads(dir / "picked/a.txt"));
  auto out = grant(dir / "picked");
  ASSERT_EQ(out.status, 1) << out.reason;
  EXPECT_TRUE(reads(dir / "picked"));
  EXPECT_TRUE(reads(dir / "picked/a.txt"));
  EXPECT_FALSE(reads(dir / "picked/sub/b.txt"));  // not recursive: entries only
  EXPECT_FALSE(reads(dir / "picked/.hidden"));    // a leading dot needs it literally, as in Tauri
  EXPECT_FALSE(reads(dir / "outside.txt"));
  EXPECT_FALSE(reads(dir / "picked/a.txt", "other"));  // same capability, another window
}

TEST_F(PathGrantsTest, RecursiveReachesEverythingBelowAndAFileOnlyItself) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  EXPECT_TRUE(reads(dir / "picked/sub/b.txt"));
  EXPECT_FALSE(reads(dir / "outside.txt"));
  ASSERT_EQ(grant(dir / "data/notes.txt").status, 1);
  EXPECT_TRUE(reads(dir / "data/notes.txt"));
  EXPECT_FALSE(reads(dir / "data/other.txt"));
}

TEST_F(PathGrantsTest, AnotherOriginOfTheSameWindowIsRefused) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  EXPECT_FALSE(reads(dir / "picked/a.txt", "main", acl::Origin::remote(kRemote + "/page")));
  ASSERT_EQ(grant((dir / "outside.txt").string(), false, "main", kRemote).status, 1);
  EXPECT_TRUE(reads(dir / "outside.txt", "main", acl::Origin::remote(kRemote + "/page")));
  EXPECT_FALSE(reads(dir / "outside.txt", "main", acl::Origin::remote("https://remote.example.evil/page")));
  EXPECT_FALSE(reads(dir / "outside.txt", "main", acl::Origin::remote("http://remote.example/page")));
  EXPECT_FALSE(reads(dir / "outside.txt"));  // the app's own page got no such grant
  EXPECT_EQ(grant((dir / "outside.txt").string(), false, "main", "null").status, 0);  // opaque
}

TEST_F(PathGrantsTest, ACapabilitysDenyStillWinsInsideTheGrant) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  EXPECT_TRUE(reads(dir / "picked/a.txt"));
  EXPECT_FALSE(reads(dir / "picked/secret.txt"));
  ASSERT_EQ(grant(dir / "picked/secret.txt").status, 1);  // granting the file itself does not undo the deny
  EXPECT_FALSE(reads(dir / "picked/secret.txt"));
}

TEST_F(PathGrantsTest, HostPrivateFoldersAreNeverGranted) {
  auto out = grant(dir / "data/private", true);
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("host-private"), std::string::npos);
  EXPECT_EQ(grant(dir / "data/private/log.txt").status, 0);
  EXPECT_EQ(grant((dir / "picked/../data/private").string(), true).status, 0);  // canonicalized first
  fs::create_directory_symlink(dir / "data/private", dir / "link-to-private");
  EXPECT_EQ(grant(dir / "link-to-private", true).status, 0);
  // A folder holding one is granted, and the private folder inside stays refused.
  ASSERT_EQ(grant(dir / "data", true).status, 1);
  EXPECT_TRUE(reads(dir / "data/notes.txt"));
  EXPECT_FALSE(reads(dir / "data/private/log.txt"));
  EXPECT_FALSE(reads(dir / "data/private"));
}

TEST_F(PathGrantsTest, GlobMetacharactersInThePathDoNotWidenTheGrant) {
  struct Case {
    const char* picked;
    const char* sibling;
  };
  const Case cases[] = {{"*", "plain"}, {"[a]", "a"}, {"**", "deep"}, {"{a,b}", "b"}, {"?", "q"}, {"x*", "xy"},
                        {"[!a]", "b"}};
  int n = 0;
  for (Case c : cases) {
    fs::path base = fs::path("meta") / std::to_string(n++);  // one folder per case
    dir.write(base / c.picked / "in.txt", "x");
    dir.write(base / c.sibling / "in.txt", "x");
    dir.write(base / c.sibling / "deeper/in.txt", "x");
    ASSERT_EQ(grant(dir / base / c.picked, true).status, 1) << c.picked;
    EXPECT_TRUE(reads(dir / base / c.picked / "in.txt")) << c.picked;
    EXPECT_FALSE(reads(dir / base / c.sibling / "in.txt")) << c.picked;
    EXPECT_FALSE(reads(dir / base / c.sibling / "deeper/in.txt")) << c.picked;
  }
  EXPECT_EQ(acl::literal_path_pattern("/a/*/[b]/?/**"), "/a/[*]/[[]b]/[?]/[*][*]");
}

TEST_F(PathGrantsTest, ThePatternsOfOneWindowAreBounded) {
  make_judge(5);
  ASSERT_EQ(grant(dir / "picked", true).status, 1);  // 2 patterns
  ASSERT_EQ(grant(dir / "picked", true).status, 1);  // the same again: nothing new, nothing counted
  ASSERT_EQ(grant(dir / "outside.txt").status, 1);   // 3
  ASSERT_EQ(grant(dir / "data/notes.txt").status, 1);  // 4
  auto out = grant(dir / "data", false);  // 2 more: 6 > 5
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("at most 5 per window"), std::string::npos) << out.reason;
  EXPECT_FALSE(reads(dir / "data/other.txt"));
  EXPECT_EQ(grants->fs_count("main"), 4u);
  // Another window has its own count.
  EXPECT_EQ(grant((dir / "data").string(), false, "other").status, 1);
}

TEST_F(PathGrantsTest, ACheckInFlightKeepsTheACLItStartedWith) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  acl::Decision before = authority->check("plugin:fs|read_file", "main", "main", acl::Origin::local());
  ASSERT_EQ(before.global_scopes.size(), 1u);
  ASSERT_EQ(grant(dir / "outside.txt").status, 1);  // a swap
  grants->forget_window("main");                     // and another
  EXPECT_EQ(before.global_scopes[0]->allow.size(), 2u);  // what the check started with, still alive
  acl::Decision after = authority->check("plugin:fs|read_file", "main", "main", acl::Origin::local());
  EXPECT_NE(before.acl, after.acl);
  EXPECT_TRUE(after.global_scopes.empty());
}

TEST_F(PathGrantsTest, GrantsOfOneWindowAndOriginShareOneCapability) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  ASSERT_EQ(grant(dir / "outside.txt").status, 1);
  acl::Decision d = authority->check("plugin:fs|read_file", "main", "main", acl::Origin::local());
  ASSERT_EQ(d.global_scopes.size(), 1u);
  EXPECT_EQ(d.global_scopes[0]->allow.size(), 3u);
  std::size_t synthesized = 0;
  for (const auto& cap : authority->snapshot()->capabilities)
    if (cap.identifier.starts_with("warden:")) ++synthesized;
  EXPECT_EQ(synthesized, 1u);
}

TEST_F(PathGrantsTest, TheGrantGoesWithItsWindow) {
  ASSERT_EQ(grant(dir / "picked", true).status, 1);
  ASSERT_EQ(grant((dir / "picked").string(), true, "main", "app://localhost", "asset").status, 1);
  grants->forget_window("main");
  EXPECT_FALSE(reads(dir / "picked/a.txt"));  // the next window called main starts without it
  EXPECT_TRUE(grants->asset_patterns("main", true, "app://localhost").empty());
  gone = "main";  // a grant arriving after its window closed
  auto out = grant(dir / "picked", true);
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("gone"), std::string::npos);
}

TEST_F(PathGrantsTest, AssetGrantsArePerWindowAndOriginAndNeedTheProtocol) {
  ASSERT_EQ(grant((dir / "picked/a.txt").string(), false, "main", "app://localhost", "asset").status, 1);
  EXPECT_EQ(grants->asset_patterns("main", true, "app://localhost"),
            std::vector<std::string>{(dir / "picked/a.txt").string()});
  EXPECT_TRUE(grants->asset_patterns("other", true, "app://localhost").empty());
  EXPECT_TRUE(grants->asset_patterns("main", false, kRemote).empty());
  EXPECT_FALSE(reads(dir / "picked/a.txt"));  // an asset grant is not an fs grant
  make_judge(1024, false);
  auto out = grant((dir / "picked/a.txt").string(), false, "main", "app://localhost", "asset");
  EXPECT_EQ(out.status, 0);
  EXPECT_NE(out.reason.find("asset protocol not enabled"), std::string::npos);
}

TEST_F(PathGrantsTest, RelativeAndUnresolvablePathsAreRefused) {
  EXPECT_EQ(grant(std::string("picked")).status, 0);
  EXPECT_EQ(grant(std::string("/a/\xff\xfe")).status, 0);
  fs::create_symlink(dir / "loop", dir / "loop");
  EXPECT_EQ(grant(dir / "loop").status, 0);
}

TEST(GrantAudit, OneLineWithEveryField) {
  std::string line = log::grant_text({"dialog", "main", "main", "app://localhost", "fs", "/x \"y\"", true, false, "no"});
  EXPECT_EQ(line, R"(scope grant refused: plugin="dialog" window="main" webview="main" origin="app://localhost" )"
                  R"(scope="fs" path="/x \"y\"" recursive=true outcome="refused" reason="no")");
  auto fields = json::parse(log::grant_json_fields({"dialog", "w", "v", "o", "asset", "/p", false, true, ""}));
  EXPECT_EQ(fields.at("event"), "scope.grant");
  EXPECT_EQ(fields.at("outcome"), "granted");
  EXPECT_EQ(fields.at("recursive"), false);
}

// ---- the extension, through a plugin's real HostServices and a real pending call ----

namespace {

const warden_host_grants* grants_of(const warden_host* h) {
  return static_cast<const warden_host_grants*>(h->get_extension(h, WARDEN_EXT_GRANTS));
}

}  // namespace

TEST(GrantsExtension, HandsTheCallersWindowAndThePluginsOwnNameToTheHook) {
  HostOptions options;
  options.app = std::make_shared<AppHooks>();
  GrantRequest seen;
  options.app->grant_path = [&seen](const GrantRequest& r) {
    seen = r;
    return GrantOutcome{r.path == "/ok" ? 1 : 0, "refused for the test"};
  };
  HostServices services("dialog", options);
  const warden_host* h = services.vtable();
  const warden_host_grants* g = grants_of(h);
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->struct_size, sizeof(warden_host_grants));

  CallRequest request;
  request.caller = Caller{"editor", "editor-view", "https://site.example", 3};
  request.services = &services;
  PendingCall call("dialog", request);
  char* reason = nullptr;
  EXPECT_EQ(g->grant_path(call.handle(), "fs", "/ok", WARDEN_GRANT_RECURSIVE, &reason), 1);
  EXPECT_EQ(reason, nullptr);
  EXPECT_EQ(seen.plugin, "dialog");
  EXPECT_EQ(seen.caller.window, "editor");
  EXPECT_EQ(seen.caller.webview, "editor-view");
  EXPECT_EQ(seen.caller.origin, "https://site.example");
  EXPECT_EQ(seen.scope, "fs");
  EXPECT_TRUE(seen.recursive);
  EXPECT_EQ(g->grant_path(call.handle(), "asset", "/no", 0, &reason), 0);
  ASSERT_NE(reason, nullptr);
  EXPECT_STREQ(reason, "refused for the test");
  h->free_string(h, reason);
  EXPECT_FALSE(seen.recursive);

  EXPECT_LT(g->grant_path(call.handle(), "fs", "/ok", 0x80, nullptr), 0);  // unknown flag
  EXPECT_LT(g->grant_path(nullptr, "fs", "/ok", 0, nullptr), 0);
  EXPECT_LT(g->grant_path(call.handle(), nullptr, "/ok", 0, nullptr), 0);
  EXPECT_LT(g->grant_path(call.handle(), "fs", nullptr, 0, nullptr), 0);
  call.complete(CallResult::from_json("null"));
  EXPECT_LT(g->grant_path(call.handle(), "fs", "/ok", 0, &reason), 0);  // the call has completed
  ASSERT_NE(reason, nullptr);
  h->free_string(h, reason);
}

TEST(GrantsExtension, OutsideARunNothingIsGranted) {
  HostServices services("dialog", {});
  const warden_host* h = services.vtable();
  CallRequest request;
  request.services = &services;
  PendingCall call("dialog", request);
  char* reason = nullptr;
  EXPECT_EQ(grants_of(h)->grant_path(call.handle(), "fs", "/tmp", 0, &reason), 0);
  ASSERT_NE(reason, nullptr);
  EXPECT_NE(std::string(reason).find("cannot grant"), std::string::npos);
  h->free_string(h, reason);
}
