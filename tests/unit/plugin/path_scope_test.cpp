// Path scopes with Tauri's glob semantics: deny wins, `*` stays in one component, `**` spans
// directories, hidden components need a literal dot, variables expand literally.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugin/path_scope.hpp"
#include "plugin/path_variables.hpp"
#include "test_files.hpp"

using namespace warden::plugin;
using warden::test::TempDir;

namespace {

PathEnvironment env_with(std::map<std::string, std::string> vars) {
  PathEnvironment env;
  env.app_identifier = "com.example.app";
  env.getenv = [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  return env;
}

bool glob(const std::string& pattern, const std::string& path, const PathEnvironment& env, GlobOptions o = {}) {
  auto g = PathGlob::compile(pattern, env, o);
  EXPECT_TRUE(g.has_value()) << pattern;
  return g && g->matches(path);
}

ScopeDecision decide(const std::string& path, const std::string& scopes, const PathEnvironment& env) {
  return path_in_scope(path, boost::json::parse(scopes), env);
}

}  // namespace

TEST(PathVariables, XdgDirectoriesAndAppFolders) {
  TempDir home;
  home.write(".config/user-dirs.dirs", "# comment\nXDG_DOWNLOAD_DIR=\"$HOME/Telechargements\"\n");
  auto env = env_with({{"HOME", home.path().string()}, {"XDG_DATA_HOME", "/data"}});
  EXPECT_EQ(resolve_path("$HOME/a/../b", env), home.path() / "b");
  EXPECT_EQ(resolve_path("$APPDATA/db.sqlite", env), std::filesystem::path("/data/com.example.app/db.sqlite"));
  EXPECT_EQ(resolve_path("$APPCONFIG", env), home.path() / ".config/com.example.app");
  EXPECT_EQ(resolve_path("$DOWNLOAD/x", env), home.path() / "Telechargements/x");
  EXPECT_EQ(resolve_path("$DOCUMENT", env), home.path() / "Documents");
  EXPECT_EQ(resolve_path("$TEMP", env), std::filesystem::path("/tmp"));
  EXPECT_EQ(resolve_path("/abs/path", env), std::filesystem::path("/abs/path"));
  EXPECT_FALSE(resolve_path("$NOPE/x", env));
  EXPECT_FALSE(resolve_path("relative/x", env));
  EXPECT_FALSE(resolve_path("$RUNTIME", env));  // XDG_RUNTIME_DIR unset
  EXPECT_FALSE(resolve_path("$HOME", env_with({})));
}

TEST(PathGlob, StarsAndComponents) {
  auto env = env_with({{"HOME", "/home/u"}});
  EXPECT_TRUE(glob("$HOME/*", "/home/u/a.txt", env));
  EXPECT_FALSE(glob("$HOME/*", "/home/u/dir/a.txt", env));  // '*' does not cross '/'
  EXPECT_TRUE(glob("$HOME/**", "/home/u/dir/sub/a.txt", env));
  EXPECT_TRUE(glob("$HOME/**/*.txt", "/home/u/a.txt", env));
  EXPECT_TRUE(glob("$HOME/**/*.txt", "/home/u/x/y/a.txt", env));
  EXPECT_FALSE(glob("$HOME/**/*.txt", "/home/u/x/y/a.png", env));
  EXPECT_TRUE(glob("/var/log/app?.log", "/var/log/app1.log", env));
  EXPECT_TRUE(glob("/var/log/app[0-9].log", "/var/log/app7.log", env));
  EXPECT_FALSE(glob("/var/log/app[!0-9].log", "/var/log/app7.log", env));
  EXPECT_FALSE(glob("$HOME/**", "/home/other/a", env));
  EXPECT_FALSE(glob("$HOME/docs", "/home/u/docs/a", env));
}

TEST(PathGlob, HiddenComponentsNeedALiteralDot) {
  auto env = env_with({{"HOME", "/home/u"}});
  EXPECT_FALSE(glob("$HOME/**", "/home/u/.ssh/id_ed25519", env));
  EXPECT_FALSE(glob("$HOME/*", "/home/u/.bashrc", env));
  EXPECT_FALSE(glob("$HOME/**/*", "/home/u/proj/.git/config", env));
  EXPECT_TRUE(glob("$HOME/.ssh/*", "/home/u/.ssh/id_ed25519", env));
  EXPECT_TRUE(glob("$HOME/.*", "/home/u/.bashrc", env));
  EXPECT_TRUE(glob("$HOME/**", "/home/u/.ssh/id_ed25519", env, GlobOptions{false}));
  // A dot inside the variable's value is literal text, not a wildcard match.
  auto dotted = env_with({{"HOME", "/home/.u"}});
  EXPECT_TRUE(glob("$HOME/*", "/home/.u/a", dotted));
}

TEST(PathGlob, VariableValuesAreLiteral) {
  auto env = env_with({{"HOME", "/home/*"}});
  EXPECT_TRUE(glob("$HOME/a", "/home/*/a", env));
  EXPECT_FALSE(glob("$HOME/a", "/home/eve/a", env));
  EXPECT_FALSE(PathGlob::compile("$UNKNOWN/**", env).has_value());
  EXPECT_FALSE(PathGlob::compile("relative/**", env).has_value());
  EXPECT_FALSE(PathGlob::compile("$HOME/../etc", env).has_value());
}

TEST(PathScope, DenyWinsAcrossCommandAndGlobalScopes) {
  TempDir home;
  auto env = env_with({{"HOME", home.path().string()}});
  std::string h = home.path().string();
  std::string scopes = R"({"command": {"allow": ["$HOME/**"], "deny": []},
                           "global": {"allow": [], "deny": [{"path": "$HOME/secret/**"}]}})";
  EXPECT_EQ(decide(h + "/notes/a.txt", scopes, env), ScopeDecision::allowed);
  EXPECT_EQ(decide(h + "/secret/key", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide(h + "/.ssh/id", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide("/etc/passwd", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide(h + "/notes/../secret/key", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide("relative", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide(h + "/a", R"({"allow": ["$HOME/*"]})", env), ScopeDecision::allowed);
  EXPECT_EQ(decide(h + "/a", R"({"command": null, "global": null})", env), ScopeDecision::denied);
}

TEST(PathScope, MalformedScopesFailClosed) {
  auto env = env_with({{"HOME", "/home/u"}});
  EXPECT_EQ(decide("/home/u/a", R"([])", env), ScopeDecision::malformed);
  EXPECT_EQ(decide("/home/u/a", R"({"allow": "$HOME/*"})", env), ScopeDecision::malformed);
  EXPECT_EQ(decide("/home/u/a", R"({"allow": ["$HOME/*"], "deny": ["$NOPE/*"]})", env), ScopeDecision::malformed);
  EXPECT_EQ(decide("/home/u/a", R"({"allow": [{"url": "x"}]})", env), ScopeDecision::malformed);
  EXPECT_EQ(decide("/home/u/a", R"({"command": {"allow": ["$HOME/*"]}, "other": 1})", env), ScopeDecision::malformed);
}

TEST(PathScope, SymlinksAreResolvedAndBrokenLinksDenied) {
  TempDir dir;
  auto env = env_with({{"HOME", dir.path().string()}});
  dir.write("public/readme", "x");
  dir.write("private/key", "x");
  std::filesystem::create_directory_symlink(dir / "private", dir / "public/link");
  std::filesystem::create_symlink(dir / "nowhere", dir / "public/broken");
  std::string scopes = R"({"allow": ["$HOME/public/**"]})";
  std::string d = dir.path().string();
  EXPECT_EQ(decide(d + "/public/readme", scopes, env), ScopeDecision::allowed);
  EXPECT_EQ(decide(d + "/public/link/key", scopes, env), ScopeDecision::denied);  // really private/key
  EXPECT_EQ(decide(d + "/public/broken", scopes, env), ScopeDecision::denied);
  EXPECT_EQ(decide(d + "/public/new-file", scopes, env), ScopeDecision::allowed);  // does not exist yet
}

// Adversarial paths: each one would reach outside the allowed folder if the check looked at the
// text of the path rather than where the kernel would end up.
class AdversarialPaths : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("allowed/readme", "x");
    dir_.write("outside/secret", "x");
    namespace fs = std::filesystem;
    fs::create_directory_symlink(dir_ / "outside", dir_ / "allowed/to-outside");
    fs::create_symlink(dir_ / "outside/secret", dir_ / "allowed/secret-link");
    fs::create_symlink(dir_ / "outside/not-yet", dir_ / "allowed/dangling");
    fs::create_symlink(dir_ / "allowed/loop-b", dir_ / "allowed/loop-a");
    fs::create_symlink(dir_ / "allowed/loop-a", dir_ / "allowed/loop-b");
    fs::create_directories(dir_ / "allowed/sub");
    fs::create_directory_symlink(dir_ / "allowed/sub", dir_ / "allowed/inner-link");
  }
  ScopeDecision decide_in(const std::string& rel, const std::string& scopes = R"({"allow": ["$HOME/allowed/**"]})") {
    return decide(d() + "/" + rel, scopes, env_);
  }
  std::string d() const { return dir_.path().string(); }

  TempDir dir_;
  PathEnvironment env_ = env_with({{"HOME", dir_.path().string()}});
};

TEST_F(AdversarialPaths, DotDotCannotClimbOut) {
  EXPECT_EQ(decide_in("allowed/readme"), ScopeDecision::allowed);
  EXPECT_EQ(decide_in("allowed/../outside/secret"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/sub/../../outside/secret"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/./sub/./../readme"), ScopeDecision::allowed);
  // ".." after a component that does not exist yet cannot be resolved like the kernel would.
  EXPECT_EQ(decide_in("allowed/new/../readme"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/new/../../outside/secret"), ScopeDecision::denied);
}

TEST_F(AdversarialPaths, EncodedDotsAreNamesNotParents) {
  // A path is not URL-decoded: "%2e%2e" is a file name inside the folder, never "..".
  EXPECT_EQ(decide_in("allowed/%2e%2e/outside/secret"), ScopeDecision::allowed);
  EXPECT_EQ(*canonical_path(d() + "/allowed/%2e%2e/x"), d() + "/allowed/%2e%2e/x");
  EXPECT_EQ(decide(d() + "/allowed/readme" + std::string(1, '\0') + "/../../outside",
                   R"({"allow": ["$HOME/allowed/**"]})", env_),
            ScopeDecision::denied);
  EXPECT_FALSE(canonical_path(std::string("/tmp/a\0b", 8)).has_value());
  EXPECT_EQ(decide("allowed/readme", R"({"allow": ["$HOME/allowed/**"]})", env_), ScopeDecision::denied);
  EXPECT_EQ(decide("", R"({"allow": ["$HOME/allowed/**"]})", env_), ScopeDecision::denied);
}

TEST_F(AdversarialPaths, SymlinkInsideAllowedFolderPointingOutIsDenied) {
  EXPECT_EQ(decide_in("allowed/to-outside/secret"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/secret-link"), ScopeDecision::denied);  // the file's final target
  EXPECT_EQ(decide_in("allowed/to-outside"), ScopeDecision::denied);
  // ".." after a link leaves the link's target, as the kernel does: outside/.. is dir_.
  EXPECT_EQ(*canonical_path(d() + "/allowed/to-outside/../allowed/readme"), d() + "/allowed/readme");
  EXPECT_EQ(*canonical_path(d() + "/allowed/inner-link/../readme"), d() + "/allowed/readme");
  EXPECT_EQ(decide_in("allowed/to-outside/../outside/secret"), ScopeDecision::denied);
  // A link that stays inside is fine.
  EXPECT_EQ(decide_in("allowed/inner-link/new-file"), ScopeDecision::allowed);
}

TEST_F(AdversarialPaths, NewFileUnderASymlinkedParentIsCheckedWhereItWouldBeCreated) {
  EXPECT_EQ(decide_in("allowed/to-outside/new-file"), ScopeDecision::denied);
  EXPECT_EQ(*canonical_path(d() + "/allowed/to-outside/new/deeper"), d() + "/outside/new/deeper");
  // Writing through a dangling link would create its target outside: undecidable, denied.
  EXPECT_EQ(decide_in("allowed/dangling"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/loop-a"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/loop-a/x"), ScopeDecision::denied);
  // A component that is a file, not a folder, cannot be walked through.
  EXPECT_EQ(decide_in("allowed/readme/x"), ScopeDecision::denied);
}

TEST_F(AdversarialPaths, DenyWinsAlsoThroughLinksAndResolvedPatterns) {
  std::string scopes = R"({"allow": ["$HOME/**"], "deny": ["$HOME/outside/**", "$HOME/outside"]})";
  EXPECT_EQ(decide_in("allowed/readme", scopes), ScopeDecision::allowed);
  EXPECT_EQ(decide_in("outside/secret", scopes), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/secret-link", scopes), ScopeDecision::denied);
  EXPECT_EQ(decide_in("allowed/to-outside", scopes), ScopeDecision::denied);
  // A deny written through a link still covers the folder the link points to.
  std::string via_link = R"({"allow": ["$HOME/**"], "deny": ["$HOME/allowed/to-outside/**"]})";
  EXPECT_EQ(decide_in("outside/secret", via_link), ScopeDecision::denied);
  // The same path allowed and denied: denied.
  std::string both = R"({"allow": ["$HOME/allowed/readme"], "deny": ["$HOME/allowed/readme"]})";
  EXPECT_EQ(decide_in("allowed/readme", both), ScopeDecision::denied);
}

TEST_F(AdversarialPaths, PatternsThroughASymlinkedBaseStillMatch) {
  // $HOME itself reached through a link: patterns are compared with canonical paths.
  std::filesystem::create_directory_symlink(dir_.path(), dir_ / "allowed/home-link");
  auto linked = env_with({{"HOME", d() + "/allowed/home-link"}});
  EXPECT_EQ(decide(d() + "/allowed/readme", R"({"allow": ["$HOME/allowed/*"]})", linked), ScopeDecision::allowed);
  EXPECT_EQ(decide(d() + "/outside/secret", R"({"allow": ["$HOME/allowed/*"]})", linked), ScopeDecision::denied);
}

TEST(PathGlob, TrailingGlobstarIsWhatIsBelowNotTheFolderItself) {
  // As Tauri's globs: "/x/**" needs "/x/" then anything, which is why scope files list both
  // "$HOME" and "$HOME/**", and why denying "$APPLOCALDATA/**" still lets an app create
  // $APPLOCALDATA itself.
  auto env = env_with({{"HOME", "/home/u"}});
  EXPECT_FALSE(glob("$HOME/**", "/home/u", env));
  EXPECT_TRUE(glob("$HOME/**", "/home/u/a", env));
  EXPECT_TRUE(glob("$HOME/**/a", "/home/u/a", env));  // in the middle it may match nothing
  EXPECT_FALSE(glob("$HOME/**", "/home/u/.hidden", env));
  TempDir dir;
  auto tmp = env_with({{"HOME", dir.path().string()}});
  std::string scopes = R"({"allow": ["$HOME", "$HOME/**"], "deny": ["$HOME/**"]})";
  EXPECT_EQ(decide(dir.path().string(), scopes, tmp), ScopeDecision::allowed);
  EXPECT_EQ(decide(dir.path().string() + "/x", scopes, tmp), ScopeDecision::denied);
}

// Host-private paths (issue 12, finding 6): the log folder lies inside $APPDATA, yet no scope
// reaches it or anything in it, however the path is written.
class PrivatePaths : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("data/com.example.app/logs/com.example.app.log", "log line\n");
    dir_.write("data/com.example.app/settings.json", "{}");
    std::filesystem::create_directories(dir_ / "data/com.example.app/logs-old");
  }
  ScopeDecision decide_in(const std::string& rel, const std::string& scopes = kAppData) {
    return decide(d() + "/" + rel, scopes, env_);
  }
  std::string d() const { return dir_.path().string(); }
  static constexpr const char* kAppData = R"({"allow": ["$APPDATA", "$APPDATA/**"]})";

  TempDir dir_;
  PathEnvironment env_ = env_with({{"HOME", dir_.path().string()}, {"XDG_DATA_HOME", (dir_ / "data").string()}});
};

TEST_F(PrivatePaths, TheLogFolderIsOutOfEveryScope) {
  EXPECT_EQ(decide_in("data/com.example.app/settings.json"), ScopeDecision::allowed);
  EXPECT_EQ(decide_in("data/com.example.app/logs/com.example.app.log"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("data/com.example.app/logs"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("data/com.example.app/logs/new.json"), ScopeDecision::denied);  // not there yet
  EXPECT_EQ(decide_in("data/com.example.app/sub/../logs/com.example.app.log"), ScopeDecision::denied);
  // Whatever a scope says: the folder named literally, or everything.
  EXPECT_EQ(decide_in("data/com.example.app/logs/com.example.app.log", R"({"allow": ["$APPLOG/**"]})"),
            ScopeDecision::denied);
  EXPECT_EQ(decide_in("data/com.example.app/logs/com.example.app.log", R"({"allow": ["/**"]})"), ScopeDecision::denied);
  // A name that only starts like the folder is not in it; the folder above it is not private.
  EXPECT_EQ(decide_in("data/com.example.app/logs-old"), ScopeDecision::allowed);
  EXPECT_EQ(decide_in("data/com.example.app"), ScopeDecision::allowed);
}

TEST_F(PrivatePaths, LinksIntoTheLogFolderAreFollowed) {
  namespace fs = std::filesystem;
  fs::create_directory_symlink(dir_ / "data/com.example.app/logs", dir_ / "data/com.example.app/innocent");
  fs::create_symlink(dir_ / "data/com.example.app/logs/com.example.app.log", dir_ / "data/com.example.app/notes.txt");
  EXPECT_EQ(decide_in("data/com.example.app/innocent/com.example.app.log"), ScopeDecision::denied);
  EXPECT_EQ(decide_in("data/com.example.app/notes.txt"), ScopeDecision::denied);
}

TEST_F(PrivatePaths, AFolderReachedThroughALinkedBaseIsStillPrivate) {
  // $XDG_DATA_HOME itself a link (as /tmp may be): the canonical path of the log is still private.
  namespace fs = std::filesystem;
  fs::create_directory_symlink(dir_ / "data", dir_ / "data-link");
  auto env = env_with({{"HOME", d()}, {"XDG_DATA_HOME", d() + "/data-link"}});
  EXPECT_TRUE(is_private_path(d() + "/data/com.example.app/logs/com.example.app.log", env));
  EXPECT_EQ(decide(d() + "/data-link/com.example.app/logs/com.example.app.log", kAppData, env), ScopeDecision::denied);
  EXPECT_EQ(decide(d() + "/data-link/com.example.app/settings.json", kAppData, env), ScopeDecision::allowed);
}

TEST_F(PrivatePaths, TheListIsTheHosts) {
  // An entry whose variable cannot be resolved names nothing; the host can add its own folders.
  auto env = env_;
  env.private_paths = {"$RUNTIME/x", d() + "/data/com.example.app/settings.json"};
  EXPECT_EQ(decide(d() + "/data/com.example.app/settings.json", kAppData, env), ScopeDecision::denied);
  EXPECT_EQ(decide(d() + "/data/com.example.app/logs/com.example.app.log", kAppData, env), ScopeDecision::allowed);
  EXPECT_FALSE(is_private_path("/", env));
}
