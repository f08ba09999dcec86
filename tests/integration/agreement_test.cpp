// `warden run` (headless, under xvfb-run), `warden doctor` and `warden acl resolve`, given the same
// app and plugin folders, accept and refuse the same things and name the same reasons (issue 15):
// the plugins each one refuses (file and reason), and whether the app's ACL resolves (and the
// error when it does not). Every example app (examples/*/warden.conf.json) and apps broken on
// purpose: a capability naming an unknown permission, a plugin whose pin does not match, two
// plugins with one name.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
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

const fs::path kExamples = WARDEN_EXAMPLES;
const std::string kPlugins = WARDEN_PLUGINS_DIR;

// What one command made of an app: the plugins it refused ("FILE: REASON") and, when the app was
// refused as a whole, why (nullopt when it was accepted).
struct Verdict {
  std::set<std::string> refused_plugins;
  std::optional<std::string> refused;
};

std::ostream& operator<<(std::ostream& os, const Verdict& v) {
  os << "refused: " << v.refused.value_or("(accepted)") << "; plugins refused:";
  for (const auto& p : v.refused_plugins) os << " [" << p << "]";
  return os;
}

// "plugin refused: FILE: REASON" lines of a log (run and the acl commands log each refusal so).
std::set<std::string> refusals_logged(const std::string& err) {
  std::set<std::string> out;
  std::istringstream lines(err);
  const std::string marker = "plugin refused: ";
  for (std::string line; std::getline(lines, line);)
    if (auto at = line.find(marker); at != std::string::npos) out.insert(line.substr(at + marker.size()));
  return out;
}

// The reason on the "warden: REASON" line of a command that stopped with status 2.
std::optional<std::string> stopped_because(const warden::test::ProcessResult& r) {
  if (r.exit_code == 0) return std::nullopt;
  auto at = r.err.find("warden: ");
  if (at == std::string::npos) return "exit status " + std::to_string(r.exit_code) + " without a reason: " + r.err;
  auto end = r.err.find('\n', at);
  return r.err.substr(at + 8, end == std::string::npos ? std::string::npos : end - at - 8);
}

std::vector<std::string> plugin_args(const std::vector<std::string>& folders) {
  std::vector<std::string> out;
  for (const auto& f : folders) {
    out.push_back("--plugins");
    out.push_back(f);
  }
  return out;
}

Verdict run_verdict(const fs::path& app, const std::vector<std::string>& folders, const fs::path& data) {
  std::vector<std::string> argv{"xvfb-run", "-a", WARDEN_BIN, "run", app.string()};
  for (auto& a : plugin_args(folders)) argv.push_back(a);
  for (const char* a : {"--exit-after-load", "--timeout", "60"}) argv.push_back(a);
  auto r = run_process(argv, {"XDG_DATA_HOME=" + data.string()});
  return {refusals_logged(r.err), stopped_because(r)};
}

Verdict acl_verdict(const fs::path& app, const std::vector<std::string>& folders) {
  std::vector<std::string> args{"acl", "resolve", "--app", app.string()};
  for (auto& a : plugin_args(folders)) args.push_back(a);
  auto r = run_warden(args);
  return {refusals_logged(r.err), stopped_because(r)};
}

Verdict doctor_verdict(const fs::path& app, const std::vector<std::string>& folders) {
  std::vector<std::string> args{"doctor", app.string(), "--json"};
  for (auto& a : plugin_args(folders)) args.push_back(a);
  auto r = run_warden(args);
  if (r.exit_code == 2) return {{}, stopped_because(r)};  // the app config itself was refused
  Verdict v;
  auto report = json::parse(r.out).as_object();
  for (const auto& p : report.at("plugins").as_array())
    if (p.at("status") == "refused")
      v.refused_plugins.insert(std::string(p.at("file").as_string()) + ": " + std::string(p.at("reason").as_string()));
  const auto& acl = report.at("acl").as_object();
  if (acl.at("status") == "refused") v.refused = std::string(acl.at("error").as_string());
  return v;
}

// The three verdicts must be one; returns it.
Verdict agreed_verdict(const fs::path& app, const std::vector<std::string>& folders) {
  warden::test::TempDir data("warden-agreement-data");
  Verdict run = run_verdict(app, folders, data.path);
  Verdict doctor = doctor_verdict(app, folders);
  Verdict acl = acl_verdict(app, folders);
  EXPECT_EQ(run.refused, acl.refused) << app << "\n run:    " << run << "\n acl:    " << acl;
  EXPECT_EQ(run.refused, doctor.refused) << app << "\n run:    " << run << "\n doctor: " << doctor;
  EXPECT_EQ(run.refused_plugins, acl.refused_plugins) << app << "\n run:    " << run << "\n acl:    " << acl;
  EXPECT_EQ(run.refused_plugins, doctor.refused_plugins) << app << "\n run:    " << run << "\n doctor: " << doctor;
  return run;
}

// examples/hello, copied, to break on purpose.
struct HelloCopy {
  warden::test::TempDir dir{"warden-agreement"};
  fs::path app = dir.copy(kExamples / "hello", "hello");
};

}  // namespace

TEST(Agreement, EveryExampleAppIsAcceptedByRunDoctorAndAclAlike) {
  size_t apps = 0;
  for (const auto& entry : fs::directory_iterator(kExamples)) {
    if (!fs::exists(entry.path() / "warden.conf.json")) continue;  // out-of-tree-plugin is a plugin, not an app
    ++apps;
    Verdict v = agreed_verdict(entry.path(), {kPlugins});
    EXPECT_FALSE(v.refused) << entry.path() << ": " << v;
    EXPECT_TRUE(v.refused_plugins.empty()) << entry.path() << ": " << v;
  }
  EXPECT_GE(apps, 2u) << "examples/hello and examples/file-explorer at least";
}

TEST(Agreement, AnUnknownPermissionIsRefusedByAllThreeForTheSameReason) {
  HelloCopy hello;
  hello.dir.write("hello/capabilities/main.json",
                  R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default", "ping:allow-pnig"]})");
  Verdict v = agreed_verdict(hello.app, {kPlugins});
  ASSERT_TRUE(v.refused);
  EXPECT_NE(v.refused->find("ping:allow-pnig"), std::string::npos) << *v.refused;
}

TEST(Agreement, ABadPinRefusesThePluginAndThenItsPermissionsAlike) {
  HelloCopy hello;
  std::string zeros(64, '0');
  hello.dir.write("hello/warden.conf.json", R"({"identifier": "dev.warden.hello", "build": {"frontendDist": "frontend"},
    "app": {"library": "libhello.app.so"}, "plugins": {"ping": {"sha256": ")" + zeros + R"("}}})");
  Verdict v = agreed_verdict(hello.app, {kPlugins});
  std::string ping = (fs::path(kPlugins) / "libping.so").string();
  ASSERT_EQ(v.refused_plugins.size(), 1u) << v;
  EXPECT_TRUE(v.refused_plugins.begin()->starts_with(ping + ": SHA-256 mismatch: the app config's plugins.ping.sha256 pins " + zeros))
      << v;
  // hello's capability names ping:default, which no loaded plugin provides now.
  ASSERT_TRUE(v.refused) << v;
  EXPECT_NE(v.refused->find("unknown plugin 'ping'"), std::string::npos) << *v.refused;
}

TEST(Agreement, ADuplicatePluginIsRefusedByAllThreeNamingTheFirst) {
  HelloCopy hello;
  hello.dir.copy(fs::path(kPlugins) / "libping.so", "more/ping-copy.so");
  Verdict v = agreed_verdict(hello.app, {kPlugins, (hello.dir / "more").string()});
  EXPECT_FALSE(v.refused) << v;  // the first ping loads; the app's ACL resolves with it
  std::string expected = (hello.dir / "more/ping-copy.so").string() + ": duplicate plugin name 'ping': already provided by " +
                         (fs::path(kPlugins) / "libping.so").string();
  EXPECT_EQ(v.refused_plugins, std::set<std::string>{expected}) << v;
}

// The issue's "Must show": the acl commands on the real hello app and the real plugin folder.
TEST(Agreement, AclCheckAllowsPingAndExplainNamesAllowSleepOnHello) {
  auto check = run_warden({"acl", "check", "plugin:ping|ping", "--window", "main", "--app", (kExamples / "hello").string(),
                           "--plugins", kPlugins});
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(json::parse(check.out).at("allowed").as_bool()) << check.out;
  // sleep is hello's own app command (its app library); hello's capability deliberately omits it.
  auto explain = run_warden({"acl", "explain", "sleep", "--window", "main", "--app", (kExamples / "hello").string(),
                             "--plugins", kPlugins});
  EXPECT_EQ(explain.exit_code, 1) << explain.out << explain.err;
  EXPECT_NE(explain.out.find("no capability grants 'sleep'"), std::string::npos) << explain.out;
  EXPECT_NE(explain.out.find("allow-sleep"), std::string::npos) << explain.out;
}
