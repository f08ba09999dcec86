// `warden acl ...` and `warden permission ls` run as a user would run them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <boost/json/parse.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using warden::test::run_process;
using warden::test::run_warden;
using warden::test::TempDir;

namespace {

const fs::path kData = WARDEN_TEST_DATA;
const fs::path kFixtures = kData / "conformance" / "tauri-acl";
const fs::path kCorpus = kData / "corpus" / "plugins-workspace";

std::string plugin(const std::string& name) { return name + "=" + (kFixtures / "plugins" / name).string(); }
std::string cap(const std::string& relative) { return (kFixtures / "capabilities" / relative).string(); }

std::vector<std::string> scope_check(const std::string& command, const std::string& window) {
  return {"acl", "check", command, "--window", window, "--target", "linux", "--plugin", plugin("fs"),
          "--capability", cap("scope/cap.toml")};
}

}  // namespace

TEST(AclCli, ResolvePrintsTheConformanceFormat) {
  auto r = run_warden({"acl", "resolve", "--target", "linux", "--plugin", plugin("ping"), "--capability", cap("basic-ping/cap.toml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = json::parse(r.out).as_object();
  const auto& entries = out.at("allowed_commands").at("plugin:ping|ping").as_array();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("context").as_string(), "local");
  EXPECT_EQ(entries[0].at("windows").as_array()[0].as_string(), "main");
  EXPECT_TRUE(out.at("denied_commands").as_object().empty());
  EXPECT_TRUE(out.at("global_scope").as_object().empty());
}

TEST(AclCli, CheckAllowedPrintsScopesAndExitsZero) {
  auto r = run_warden(scope_check("plugin:fs|move", "main"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = json::parse(r.out).as_object();
  EXPECT_TRUE(out.at("allowed").as_bool());
  EXPECT_EQ(out.at("scopes").at("command").at("allow").as_array()[0].at("path").as_string(), "$TEMP/*");
  // fs:allow-app and fs:deny-home are scope-only: the plugin's global scope for this caller.
  EXPECT_EQ(out.at("scopes").at("global").at("deny").as_array()[0].at("path").as_string(), "$HOME");
}

TEST(AclCli, CheckDeniedExitsOneWithAReason) {
  auto r = run_warden(scope_check("plugin:fs|move", "settings"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  auto out = json::parse(r.out).as_object();
  EXPECT_FALSE(out.at("allowed").as_bool());
  EXPECT_NE(std::string(out.at("reason").as_string()).find("main"), std::string::npos) << r.out;
  EXPECT_TRUE(out.at("scopes").is_null());
  auto unknown = run_warden(scope_check("plugin:fs|remove", "main"));
  EXPECT_EQ(unknown.exit_code, 1);
}

TEST(AclCli, CheckWithoutOriginIsLocalAndRemoteNeedsListing) {
  std::vector<std::string> base{"acl", "check", "plugin:fs|read_dir", "--window", "main", "--plugin", plugin("fs"),
                                "--capability", cap("file-explorer-remote/cap.toml")};
  EXPECT_EQ(run_warden(base).exit_code, 1);  // local: false
  auto remote = base;
  remote.insert(remote.end(), {"--origin", "https://tauri.app/index.html"});
  EXPECT_EQ(run_warden(remote).exit_code, 0);
  auto trick = base;
  trick.insert(trick.end(), {"--origin", "https://tauri.app@evil.com/"});
  EXPECT_EQ(run_warden(trick).exit_code, 1);
}

TEST(AclCli, WebviewDefaultsToTheWindowLabel) {
  std::vector<std::string> base{"acl", "check", "plugin:ping|ping", "--plugin", plugin("ping"), "--capability",
                                cap("multiwebview/cap.toml")};
  auto as_child = base;
  as_child.insert(as_child.end(), {"--window", "child1"});  // webview "child1" matches webviews
  EXPECT_EQ(run_warden(as_child).exit_code, 0);
  auto explicit_other = base;
  explicit_other.insert(explicit_other.end(), {"--window", "child1", "--webview", "other"});
  EXPECT_EQ(run_warden(explicit_other).exit_code, 1);
}

TEST(AclCli, BadInputExitsTwoWithTheFileAndLine) {
  TempDir dir;
  auto bad = dir.write("cap.json", "{\n  \"identifier\": \"c\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\"fs:raed\"]\n}");
  auto r = run_warden({"acl", "check", "plugin:fs|read_dir", "--window", "main", "--plugin", plugin("fs"), "--capability", bad.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad.string() + ":4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("'fs:read'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(run_warden({"acl", "resolve", "--target", "beos", "--capability", bad.string()}).exit_code, 2);
  EXPECT_EQ(run_warden({"acl", "resolve", "--plugin", "fs", "--capability", bad.string()}).exit_code, 2);
  EXPECT_EQ(run_warden({"acl", "resolve", "--capability", (dir.path / "missing.json").string()}).exit_code, 2);
}

TEST(AclCli, PositionerDefaultFailsClearly) {
  TempDir dir;
  auto c = dir.write("cap.json", R"({"identifier": "c", "windows": ["*"], "permissions": ["positioner:default"]})");
  auto r = run_warden({"acl", "resolve", "--plugin", "positioner=" + (kCorpus / "positioner").string(), "--capability", c.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("positioner:default"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("set-tray-icon-state"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("did you mean 'positioner:allow-set-tray-icon-state'"), std::string::npos) << r.err;
}

TEST(AclCli, ExplainNamesCapabilitySetAndPermission) {
  auto r = run_warden({"acl", "explain", "plugin:fs|read_dir", "--window", "external", "--plugin", plugin("fs"), "--capability",
                   cap("multiwindow/cap-main.json"), "--capability", cap("multiwindow/cap-external.toml"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto e = json::parse(r.out).as_object();
  const auto& applied = e.at("applied").as_array();
  ASSERT_EQ(applied.size(), 1u);
  EXPECT_EQ(applied[0].at("capability").as_string(), "run-app-external-url");
  EXPECT_EQ(applied[0].at("entry").as_string(), "fs:read");
  EXPECT_EQ(applied[0].at("via").as_array()[0].as_string(), "fs:allow-read-dir");
  EXPECT_EQ(e.at("allowed_on").as_array().size(), 4u);

  auto text = run_warden({"acl", "explain", "plugin:fs|move", "--window", "external", "--plugin", plugin("fs"), "--capability",
                      cap("multiwindow/cap-main.json"), "--capability", cap("multiwindow/cap-external.toml")});
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("DENIED"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("fs:allow-move-temp"), std::string::npos) << text.out;
}

TEST(AclCli, AppFolderAndDiff) {
  TempDir old_app, new_app;
  for (auto* app : {&old_app, &new_app}) {
    // A config `warden run` accepts: the acl commands read it as run does (cli/app_config.hpp).
    app->write("warden.conf.json", R"({"identifier": "dev.warden.diff", "plugins": {"fs": {"path": ")" +
                                       (kFixtures / "plugins" / "fs").string() + R"("}}})");
    app->write("permissions/app.toml", "[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n");
  }
  old_app.write("capabilities/main.json", R"({"identifier": "main", "windows": ["main"], "permissions": ["fs:read", "allow-greet"]})");
  new_app.write("capabilities/main.json", R"({"identifier": "main", "windows": ["main"], "permissions": ["fs:read", "fs:allow-move-temp"]})");
  auto check = run_warden({"acl", "check", "greet", "--window", "main", "--app", old_app.path.string()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  auto r = run_warden({"acl", "diff", old_app.path.string(), new_app.path.string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // they differ
  auto d = json::parse(r.out).as_object();
  ASSERT_EQ(d.at("gained").as_array().size(), 1u);
  EXPECT_EQ(d.at("gained").as_array()[0].at("command").as_string(), "plugin:fs|move");
  ASSERT_EQ(d.at("lost").as_array().size(), 1u);
  EXPECT_EQ(d.at("lost").as_array()[0].at("command").as_string(), "greet");
  EXPECT_EQ(run_warden({"acl", "diff", old_app.path.string(), old_app.path.string()}).exit_code, 0);
}

TEST(AclCli, PermissionLsListsTheCorpusWithDescriptions) {
  std::vector<std::string> args{"permission", "ls", "--json"};
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.is_directory()) args.push_back("--plugin=" + e.path().filename().string() + "=" + e.path().string());
  auto r = run_warden(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto list = json::parse(r.out).as_array();
  bool found = false;
  for (const auto& item : list)
    if (item.at("identifier").as_string() == "fs:allow-read-dir") {
      found = true;
      EXPECT_NE(std::string(item.at("description").as_string()).find("read_dir"), std::string::npos);
    }
  EXPECT_TRUE(found);
  EXPECT_GT(list.size(), 500u);
  auto text = run_warden({"permission", "ls", "--plugin", plugin("fs")});
  EXPECT_NE(text.out.find("fs:read-download-dir"), std::string::npos);
  EXPECT_NE(text.out.find("allows all read the $DOWNLOAD dir"), std::string::npos);
}

#ifdef WARDEN_PING
// A plugin given as its library: the permissions come from its manifest section.
TEST(AclCli, PluginLibraryManifestSection) {
  auto r = run_warden({"acl", "check", "plugin:ping|ping", "--window", "main", "--plugin", std::string("ping=") + WARDEN_PING,
                       "--capability", cap("basic-ping/cap.toml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto wrong = run_warden({"acl", "resolve", "--plugin", std::string("pong=") + WARDEN_PING, "--capability", cap("basic-ping/cap.toml")});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("not 'pong'"), std::string::npos) << wrong.err;
}
#endif
