// The acl commands on real apps, with the plugin folders `warden run` takes (issue 15): every
// real capability names core:default, so the core: permissions and the plugins of --plugins
// must be there, and `acl resolve` must refuse what `warden run` and `warden doctor` refuse,
// naming the same reason.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using warden::test::run_process;
using warden::test::run_warden;

namespace {

const fs::path kHello = fs::path(WARDEN_EXAMPLES) / "hello";
const std::string kPlugins = WARDEN_PLUGINS_DIR;

// examples/hello with one capability entry that names no permission of ping.
class BrokenApp {
  warden::test::TempDir dir_{"warden-acl-app"};  // first: path below is made from it

 public:
  BrokenApp() {
    dir_.copy(kHello, "app");
    dir_.write("app/capabilities/main.json",
               R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default", "ping:allow-pnig"]})");
  }
  const fs::path path = dir_ / "app";
};

// The line `warden` printed for an error that stopped it: "warden: <reason>".
std::string stopped_because(const std::string& err) {
  auto at = err.find("warden: ");
  if (at == std::string::npos) return "";
  auto end = err.find('\n', at);
  return err.substr(at + 8, end == std::string::npos ? std::string::npos : end - at - 8);
}

}  // namespace

TEST(AclAppCli, CheckAllowsPingOnHelloWithThePluginFolder) {
  auto r = run_warden({"acl", "check", "plugin:ping|ping", "--window", "main", "--app", kHello.string(), "--plugins", kPlugins});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto out = json::parse(r.out).as_object();
  EXPECT_TRUE(out.at("allowed").as_bool());
  EXPECT_NE(std::string(out.at("reason").as_string()).find("ping:default"), std::string::npos) << r.out;
}

TEST(AclAppCli, ExplainSaysNoCapabilityGrantsSleepAndNamesAllowSleep) {
  // hello turns the sample commands on (app.ipc.sampleCommands), defines allow-sleep in its
  // permissions/ and leaves it out of its capability on purpose.
  auto r = run_warden({"acl", "explain", "sleep", "--window", "main", "--app", kHello.string(), "--plugins", kPlugins});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("DENIED"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no capability grants 'sleep'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("allow-sleep"), std::string::npos) << r.out;
}

TEST(AclAppCli, ResolveHelloListsTheCommandsOfCoreDefault) {
  auto r = run_warden({"acl", "resolve", "--app", kHello.string(), "--plugins", kPlugins});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::value resolved = json::parse(r.out);
  const auto& allowed = resolved.at("allowed_commands").as_object();
  for (const char* command : {"plugin:event|listen", "plugin:event|emit", "plugin:app|version", "plugin:ping|ping", "greet"})
    EXPECT_TRUE(allowed.contains(command)) << command << " missing from " << r.out;
  EXPECT_FALSE(allowed.contains("sleep")) << r.out;
}

TEST(AclAppCli, WithoutThePluginFolderPingIsAnUnknownPlugin) {
  auto r = run_warden({"acl", "resolve", "--app", kHello.string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("unknown plugin 'ping'"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("unknown plugin 'core'"), std::string::npos) << r.err;
}

TEST(AclAppCli, PermissionLsTakesThePluginFolder) {
  auto r = run_warden({"permission", "ls", "--app", kHello.string(), "--plugins", kPlugins});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* id : {"core:default", "ping:allow-ping", "store:default", "allow-sleep"})
    EXPECT_NE(r.out.find(id), std::string::npos) << id << " missing from " << r.out;
}

// run (headless), doctor and acl resolve agree on a broken app: each refuses it, naming the
// same reason.
TEST(AclAppCli, RunDoctorAndResolveRefuseAnUnknownPermissionAlike) {
  BrokenApp app;
  auto resolve = run_warden({"acl", "resolve", "--app", app.path.string(), "--plugins", kPlugins});
  EXPECT_EQ(resolve.exit_code, 2) << resolve.out;
  std::string reason = stopped_because(resolve.err);
  EXPECT_NE(reason.find("ping:allow-pnig"), std::string::npos) << resolve.err;
  EXPECT_NE(reason.find("main.json"), std::string::npos) << resolve.err;

  auto run = run_process({"xvfb-run", "-a", WARDEN_BIN, "run", app.path.string(), "--plugins", kPlugins,
                          "--exit-on-title", "never", "--timeout", "60"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(stopped_because(run.err), reason) << run.err;

  auto doctor = run_warden({"doctor", app.path.string(), "--plugins", kPlugins, "--json"});
  auto acl = json::parse(doctor.out).at("acl").as_object();
  EXPECT_EQ(acl.at("status"), "refused") << doctor.out;
  EXPECT_EQ(acl.at("error").as_string(), reason) << doctor.out;

  // The same app with the entry fixed is accepted by all three.
  std::ofstream(app.path / "capabilities" / "main.json")
      << R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default", "ping:allow-ping"]})";
  EXPECT_EQ(run_warden({"acl", "resolve", "--app", app.path.string(), "--plugins", kPlugins}).exit_code, 0);
  auto fixed = json::parse(run_warden({"doctor", app.path.string(), "--plugins", kPlugins, "--json"}).out);
  EXPECT_EQ(fixed.at("acl").at("status"), "ok");
}
