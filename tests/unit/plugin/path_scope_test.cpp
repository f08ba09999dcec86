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
