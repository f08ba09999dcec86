// `warden plugin ...` run as a user would: inspect and ls never run plugin code, embed fails
// the build on a bad permission file, call loads a plugin for real.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

using warden::test::run_process;
using warden::test::TempDir;
namespace fs = std::filesystem;

TEST(PluginCli, InspectPrintsTheManifestAsJson) {
  auto r = run_process({WARDEN_BIN, "plugin", "inspect", WARDEN_PING});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = boost::json::parse(r.out).as_object();
  EXPECT_EQ(j.at("name"), "ping");
  EXPECT_EQ(j.at("abi"), 2);
  EXPECT_EQ(boost::json::serialize(j.at("commands")), R"(["ping"])");
  const auto& manifest = j.at("manifest").as_object();
  EXPECT_EQ(boost::json::serialize(manifest.at("default").at("permissions")), R"(["allow-ping"])");
  std::vector<std::string> ids;
  for (const auto& p : manifest.at("permissions").as_array()) ids.emplace_back(p.at("identifier").as_string());
  EXPECT_EQ(ids, (std::vector<std::string>{"allow-ping", "deny-ping"}));
  EXPECT_TRUE(manifest.at("sets").as_array().empty());
}

TEST(PluginCli, InspectNeverRunsPluginCode) {
  TempDir s;
  auto marker = s.path / "constructor-ran";
  auto inspect = run_process({WARDEN_BIN, "plugin", "inspect", WARDEN_TEST_MARKER}, {"WARDEN_TEST_MARKER=" + marker.string()});
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  EXPECT_FALSE(fs::exists(marker)) << "inspect ran the plugin's static constructor";
  auto ls = run_process({WARDEN_BIN, "plugin", "ls", "--plugins", fs::path(WARDEN_TEST_MARKER).parent_path().string()},
                        {"WARDEN_TEST_MARKER=" + marker.string()});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_NE(ls.out.find("load     test-marker"), std::string::npos) << ls.out;
  EXPECT_FALSE(fs::exists(marker)) << "ls ran the plugin's static constructor";
  // Control: loading it for real does run the constructor, so the check above can fail.
  auto call = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_MARKER, "noop"},
                          {"WARDEN_TEST_MARKER=" + marker.string()});
  ASSERT_EQ(call.exit_code, 0) << call.err;
  EXPECT_EQ(call.out, "true\n");
  EXPECT_TRUE(fs::exists(marker));
}

TEST(PluginCli, InspectRefusesUnreadableFilesWithExitCode2) {
  TempDir s;
  auto text = s.write("fake.so", "hello");
  auto r = run_process({WARDEN_BIN, "plugin", "inspect", text.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find(text.string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a shared library"), std::string::npos) << r.err;
  auto missing = run_process({WARDEN_BIN, "plugin", "inspect", (s.path / "missing.so").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("missing.so: cannot open"), std::string::npos) << missing.err;
  auto no_section = run_process({WARDEN_BIN, "plugin", "inspect", WARDEN_TEST_NO_SECTION});
  EXPECT_EQ(no_section.exit_code, 2);
  EXPECT_NE(no_section.err.find("no .warden_manifest section"), std::string::npos) << no_section.err;
}

TEST(PluginCli, LsSaysWhatWouldLoadAndWhyOthersAreRefused) {
  TempDir s;
  s.copy(WARDEN_PING, "a/ping.so");
  s.copy(WARDEN_TEST_NO_ENTRY, "a/no-entry.so");
  s.copy(WARDEN_TEST_ABI_MISMATCH, "a/abi.so");
  s.write("a/text.so", "text");
  s.copy(WARDEN_PING, "b/ping-again.so");
  auto r = run_process({WARDEN_BIN, "plugin", "ls", "--plugins", (s.path / "a").string(), (s.path / "b").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("load     ping 0.1.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("refused  " + (s.path / "a/no-entry.so").string() + ": missing entry symbol"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("abi.so: ABI mismatch"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("text.so: not a shared library"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ping-again.so: duplicate plugin name 'ping'"), std::string::npos) << r.out;

  auto j = run_process({WARDEN_BIN, "plugin", "ls", "--json", "--plugins", (s.path / "a").string()});
  ASSERT_EQ(j.exit_code, 0) << j.err;
  auto plugins = boost::json::parse(j.out).at("plugins").as_array();
  ASSERT_EQ(plugins.size(), 4u);
  int loads = 0;
  for (const auto& p : plugins) loads += p.at("status") == "load";
  EXPECT_EQ(loads, 1);
}

TEST(PluginCli, CallRunsOneCommand) {
  auto r = run_process({WARDEN_BIN, "plugin", "call", WARDEN_PING, "ping", "--args", R"({"value":"hello"})"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(boost::json::parse(r.out), boost::json::parse(R"({"value":"hello"})"));

  auto fail = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_GOOD, "fail"});
  EXPECT_EQ(fail.exit_code, 1);
  EXPECT_NE(fail.err.find("boom: the command failed"), std::string::npos) << fail.err;

  auto config = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_INIT_FAILS, "token", "--config", R"({"token":"t"})"});
  EXPECT_EQ(config.exit_code, 0) << config.err;
  EXPECT_EQ(config.out, "\"t\"\n");
  auto refused = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_INIT_FAILS, "token"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("init failed: missing required config key 'token'"), std::string::npos) << refused.err;

  auto scoped = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_GOOD, "context", "--origin", "https://x.org",
                             "--scopes", R"({"command":{"allow":["$HOME/**"]},"global":null})"});
  ASSERT_EQ(scoped.exit_code, 0) << scoped.err;
  auto ctx = boost::json::parse(scoped.out);
  EXPECT_EQ(ctx.at("origin"), "https://x.org");
  EXPECT_EQ(ctx.at("scopes").at("command").at("allow").at(0), "$HOME/**");

  auto bad_args = run_process({WARDEN_BIN, "plugin", "call", WARDEN_PING, "ping", "--args", "{"});
  EXPECT_EQ(bad_args.exit_code, 2);
  EXPECT_NE(bad_args.err.find("--args is not valid JSON"), std::string::npos) << bad_args.err;
  auto unknown = run_process({WARDEN_BIN, "plugin", "call", WARDEN_PING, "pong"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("has no command 'pong' (it has: ping)"), std::string::npos) << unknown.err;
}

TEST(PluginCli, EmbedWritesSourceReferenceAndGeneratedFiles) {
  TempDir s;
  s.write("permissions/default.toml", "[default]\ndescription = \"d\"\npermissions = [\"allow-go\"]\n");
  auto r = run_process({WARDEN_BIN, "plugin", "embed", "--name", "demo", "--version", "1.0.0", "--commands",
                        "go,stop_now", "--permissions", (s.path / "permissions").string(), "--out-source",
                        (s.path / "out/gen.c").string(), "--out-reference", (s.path / "out/reference.md").string(),
                        "--out-generated", (s.path / "out/autogenerated").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(s.path / "out/gen.c"));
  EXPECT_TRUE(fs::exists(s.path / "out/reference.md"));
  std::ifstream gen(s.path / "out/autogenerated/commands/stop_now.toml");
  std::string text((std::istreambuf_iterator<char>(gen)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("identifier = \"allow-stop-now\""), std::string::npos) << text;
}

TEST(PluginCli, EmbedFailsOnABadPermissionFileWithFileAndLine) {
  TempDir s;
  auto bad = s.write("permissions/bad.toml", "[[permission]]\nidentifier = \"Not Valid\"\n");
  auto r = run_process({WARDEN_BIN, "plugin", "embed", "--name", "demo", "--version", "1.0.0", "--commands", "go",
                        "--permissions", (s.path / "permissions").string(), "--out-source",
                        (s.path / "gen.c").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad.string() + ":"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(s.path / "gen.c"));
}

// A plugin author trying a command sees a scope refusal as such, with its full detail.
TEST(PluginCli, CallShowsAScopeRefusalWithItsDetail) {
  auto r = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_GOOD, "refuse", "--args", R"({"path":"/etc/x"})"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("command 'refuse' refused by scope: '/etc/x' is outside the allowed scope $HOME/**"),
            std::string::npos)
      << r.err;
}

TEST(PluginCli, CallSendsABinaryBodyAndPrintsRawBytes) {
  TempDir s;
  auto body = s.write("body.bin", "abc");
  auto r = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_GOOD, "bytes", "--body-file", body.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "cba");
  auto plain = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_PLAIN_C, "hello", "--window", "prefs"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(boost::json::parse(plain.out), boost::json::parse(R"({"hello":"prefs","args":{}})"));
  auto events = run_process({WARDEN_BIN, "plugin", "call", WARDEN_TEST_GOOD, "emit", "--args", R"({"value":"v"})"});
  ASSERT_EQ(events.exit_code, 0) << events.err;
  EXPECT_NE(events.err.find(R"(event test-good:test-event {"value":"v"})"), std::string::npos) << events.err;
}
