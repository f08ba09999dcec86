// SHA-256 pins and libraries named by the app config, with the real test plugins and ping.
#include <gtest/gtest.h>

#include <filesystem>

#include "acl/app_config.hpp"
#include "acl/error.hpp"
#include "plugin/plugin_pin.hpp"
#include "test_files.hpp"

using namespace warden::plugin;
using warden::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string refusals(const LoadedPlugins& p) {
  std::string s;
  for (const auto& r : p.refused) s += r.file.string() + ": " + r.reason + "\n";
  return s;
}

const std::string kZeros(64, '0');

}  // namespace

TEST(PluginPin, HashesTheFileWithSha256) {
  TempDir t;
  auto f = t.write("abc", "abc");
  EXPECT_EQ(sha256_of_file(f), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  PinnedCopy copy(f);
  EXPECT_EQ(copy.sha256(), sha256_of_file(f));
  EXPECT_EQ(warden::test::read_file(copy.path()), "abc");
  EXPECT_FALSE(sha256_pin_problem(copy.sha256()));
  EXPECT_TRUE(sha256_pin_problem("abc"));
  EXPECT_TRUE(sha256_pin_problem(std::string(64, 'G')));
}

TEST(PluginPin, ConfigPathLoadsTheLibraryWithItsConfig) {
  AppPlugins app;
  app.libraries["ping"] = WARDEN_PING;
  app.libraries["test-init-fails"] = WARDEN_TEST_INIT_FAILS;
  app.configs["test-init-fails"] = boost::json::object{{"token", "t"}};
  auto p = load_app_plugins(app, {});
  ASSERT_EQ(p.loaded.size(), 2u) << refusals(p);
  EXPECT_EQ(p.loaded[0]->name(), "ping");
  EXPECT_EQ(p.loaded[0]->file(), fs::path(WARDEN_PING));
}

TEST(PluginPin, CorrectPinLoadsFromConfigPathAndFromAFolder) {
  TempDir t;
  t.copy(WARDEN_TEST_GOOD, "dir/good.so");
  AppPlugins app;
  app.libraries["ping"] = WARDEN_PING;
  app.pins["ping"] = sha256_of_file(WARDEN_PING);
  app.pins["test-good"] = sha256_of_file(WARDEN_TEST_GOOD);
  auto p = load_app_plugins(app, {t / "dir"});
  ASSERT_EQ(p.loaded.size(), 2u) << refusals(p);
  EXPECT_EQ(p.loaded[0]->file(), fs::path(WARDEN_PING));  // named by its real path, not the copy
  EXPECT_EQ(p.loaded[1]->file(), t / "dir/good.so");
  EXPECT_TRUE(p.loaded[0]->has_command("ping"));
}

TEST(PluginPin, WrongPinIsRefusedWithBothHashesAndOthersStillLoad) {
  TempDir t;
  t.copy(WARDEN_TEST_GOOD, "dir/good.so");
  AppPlugins app;
  app.libraries["ping"] = WARDEN_PING;
  app.pins["ping"] = kZeros;
  app.pins["test-good"] = kZeros;
  app.libraries["test-plain-c"] = WARDEN_TEST_PLAIN_C;
  auto p = load_app_plugins(app, {t / "dir"});
  ASSERT_EQ(p.loaded.size(), 1u) << refusals(p);
  EXPECT_EQ(p.loaded[0]->name(), "test-plain-c");
  ASSERT_EQ(p.refused.size(), 2u);
  EXPECT_EQ(p.refused[0].file, fs::path(WARDEN_PING));
  EXPECT_NE(p.refused[0].reason.find(kZeros), std::string::npos) << p.refused[0].reason;
  EXPECT_NE(p.refused[0].reason.find(sha256_of_file(WARDEN_PING)), std::string::npos) << p.refused[0].reason;
  EXPECT_EQ(p.refused[1].file, t / "dir/good.so");
  EXPECT_NE(p.refused[1].reason.find(sha256_of_file(WARDEN_TEST_GOOD)), std::string::npos) << p.refused[1].reason;
}

TEST(PluginPin, WrongPinRefusesBeforeAnyPluginCodeRuns) {
  TempDir t;
  auto marker = t / "constructor-ran";
  ::setenv("WARDEN_TEST_MARKER", marker.c_str(), 1);
  AppPlugins app;
  app.libraries["test-marker"] = WARDEN_TEST_MARKER;
  app.pins["test-marker"] = kZeros;
  auto p = load_app_plugins(app, {});
  ::unsetenv("WARDEN_TEST_MARKER");
  EXPECT_TRUE(p.loaded.empty());
  EXPECT_FALSE(fs::exists(marker));
}

TEST(PluginPin, NameMismatchIsRefusedNamingBoth) {
  AppPlugins app;
  app.libraries["pong"] = WARDEN_PING;
  auto p = load_app_plugins(app, {});
  EXPECT_TRUE(p.loaded.empty());
  ASSERT_EQ(p.refused.size(), 1u);
  EXPECT_NE(p.refused[0].reason.find("plugins.pong.path"), std::string::npos) << p.refused[0].reason;
  EXPECT_NE(p.refused[0].reason.find("'ping'"), std::string::npos) << p.refused[0].reason;
}

TEST(PluginPin, ConfigLibraryWinsOverAFolderCopyWithTheSameName) {
  TempDir t;
  t.copy(WARDEN_PING, "dir/ping.so");
  AppPlugins app;
  app.libraries["ping"] = WARDEN_PING;
  auto p = load_app_plugins(app, {t / "dir"});
  ASSERT_EQ(p.loaded.size(), 1u);
  ASSERT_EQ(p.refused.size(), 1u);
  EXPECT_NE(p.refused[0].reason.find("duplicate plugin name 'ping'"), std::string::npos) << p.refused[0].reason;
}

TEST(PluginPin, AppConfigReadsPinsAndRefusesMalformedOnes) {
  TempDir t;
  auto good = warden::acl::parse_app_config(
      R"({"plugins":{"ping":{"path":"lib/ping.so","sha256":")" + kZeros + R"("}}})", "warden.conf.json", t.path());
  EXPECT_EQ(good.plugin_pins.at("ping"), kZeros);
  EXPECT_EQ(good.plugin_paths.at("ping"), t / "lib/ping.so");
  for (std::string bad : {std::string("\"abc\""), "\"" + std::string(64, 'A') + "\"", std::string("42")}) {
    try {
      warden::acl::parse_app_config(R"({"plugins":{"ping":{"sha256":)" + bad + "}}}", "warden.conf.json", t.path());
      ADD_FAILURE() << "accepted " << bad;
    } catch (const warden::acl::Error& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("warden.conf.json"), std::string::npos) << what;
      EXPECT_NE(what.find("plugins.ping.sha256"), std::string::npos) << what;
    }
  }
}
