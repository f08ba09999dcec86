// An app's own library (app.library, docs/app-commands.md) as a user meets it: `plugin ls` skips
// it in a plugin folder and lists it for the app that names it; a refused app library stops
// `warden run` (the app's commands would be missing) and `warden doctor` names the same reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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
const std::string kLibrary = (fs::path(WARDEN_PLUGINS_DIR) / "libhello.app.so").string();

std::string reason_line(const std::string& err) {
  auto at = err.find("warden: ");
  if (at == std::string::npos) return "";
  auto end = err.find('\n', at);
  return err.substr(at + 8, end == std::string::npos ? std::string::npos : end - at - 8);
}

// hello with its app.library replaced by `app_fields` (JSON members of "app").
struct HelloWith {
  warden::test::TempDir dir{"warden-app-library"};
  fs::path app = dir.copy(kHello, "hello");
  explicit HelloWith(const std::string& app_fields) {
    dir.write("hello/warden.conf.json", R"({"identifier": "dev.warden.hello", "build": {"frontendDist": "frontend"},
      "app": {)" + app_fields + "}}");
  }
};

}  // namespace

TEST(AppLibrary, PluginLsSkipsItInAFolderAndListsItForTheAppThatNamesIt) {
  auto folder = run_warden({"plugin", "ls", "--plugins", kPlugins, "--json"});
  ASSERT_EQ(folder.exit_code, 0) << folder.err;
  json::value listed = json::parse(folder.out);
  for (const auto& p : listed.at("plugins").as_array())
    EXPECT_NE(p.at("file").as_string(), kLibrary) << "an *.app.so file is not a plugin";
  auto app = run_warden({"plugin", "ls", "--plugins", kPlugins, "--app", kHello.string(), "--json"});
  ASSERT_EQ(app.exit_code, 0) << app.err;
  json::value with_app = json::parse(app.out);
  const auto& first = with_app.at("plugins").as_array().at(0);
  EXPECT_EQ(first.at("file").as_string(), kLibrary) << app.out;
  EXPECT_EQ(first.at("from").as_string(), "app.library") << app.out;
  EXPECT_EQ(first.at("status").as_string(), "load") << app.out;
  EXPECT_EQ(first.at("commands"), json::parse(R"(["greet","echo","sleep","stream","broadcast"])")) << app.out;
}

TEST(AppLibrary, AWrongPinStopsRunAndDoctorNamesTheSameReason) {
  std::string zeros(64, '0');
  HelloWith hello(R"("library": "libhello.app.so", "sha256": ")" + zeros + "\"");
  auto run = run_process({"xvfb-run", "-a", WARDEN_BIN, "run", hello.app.string(), "--plugins", kPlugins,
                          "--exit-after-load", "--timeout", "60"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  std::string reason = kLibrary + ": SHA-256 mismatch: the app config's app.sha256 pins " + zeros;
  EXPECT_TRUE(reason_line(run.err).starts_with("the app library was refused: " + reason)) << run.err;

  auto doctor = run_warden({"doctor", hello.app.string(), "--plugins", kPlugins, "--json"});
  EXPECT_EQ(doctor.exit_code, 1) << doctor.out << doctor.err;
  bool named = false;
  json::value report = json::parse(doctor.out);
  for (const auto& problem : report.at("problems").as_array())
    named = named || std::string(problem.as_string()).starts_with("app library refused: " + reason);
  EXPECT_TRUE(named) << doctor.out;
}

TEST(AppLibrary, AMissingLibraryStopsRunNamingTheFile) {
  HelloWith hello(R"("library": "lib/missing.app.so")");
  auto run = run_process({"xvfb-run", "-a", WARDEN_BIN, "run", hello.app.string(), "--plugins", kPlugins,
                          "--exit-after-load", "--timeout", "60"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(reason_line(run.err).starts_with("the app library was refused: " + (hello.app / "lib/missing.app.so").string()))
      << run.err;
}

TEST(AppLibrary, APinWithoutALibraryIsAConfigError) {
  HelloWith hello(R"("sha256": ")" + std::string(64, 'a') + "\"");
  auto r = run_warden({"doctor", hello.app.string(), "--plugins", kPlugins});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("app.sha256: pins the app library, but app.library names none"), std::string::npos) << r.err;
}
