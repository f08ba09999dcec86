// SHA-256 pins and libraries named by the app config, with the real test plugins and ping.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include <boost/json/parse.hpp>

#include "acl/app_config.hpp"
#include "acl/error.hpp"
#include "plugin/host_config_keys.hpp"
#include "plugin/plugin_library.hpp"
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

// What test-good's init received, as its `config` command returns it.
boost::json::value config_seen_by(PluginLibrary& lib) {
  CallRequest r;
  r.command = "config";
  r.args_json = "{}";
  auto result = lib.invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  if (!result || result->kind != CallResult::Kind::json) {
    ADD_FAILURE() << "config did not complete with JSON";
    return nullptr;
  }
  return boost::json::parse(result->json);
}

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

// Issue 14, item 5: path and sha256 are the host's. The host still honours them (the library at
// `path` loads only when its hash matches the pin) but init sees only the plugin's own keys.
TEST(PluginPin, InitGetsItsConfigWithoutTheHostsKeys) {
  TempDir t;
  t.copy(WARDEN_TEST_GOOD, "lib/good.so");
  auto config_with_pin = [&](const std::string& pin) {
    AppPlugins app;
    app.libraries["test-good"] = t / "lib/good.so";
    app.pins["test-good"] = pin;
    app.configs["test-good"] = boost::json::object{{"path", (t / "lib/good.so").string()}, {"sha256", pin}, {"greeting", "own"}};
    return app;
  };
  auto p = load_app_plugins(config_with_pin(sha256_of_file(WARDEN_TEST_GOOD)), {});
  ASSERT_EQ(p.loaded.size(), 1u) << refusals(p);
  EXPECT_EQ(config_seen_by(*p.loaded[0]), boost::json::parse(R"({"greeting":"own"})"));

  auto wrong = load_app_plugins(config_with_pin(kZeros), {});
  EXPECT_TRUE(wrong.loaded.empty());
  ASSERT_EQ(wrong.refused.size(), 1u);
  EXPECT_NE(wrong.refused[0].reason.find(kZeros), std::string::npos) << wrong.refused[0].reason;
}

TEST(PluginPin, AFolderPluginsInitGetsItsConfigWithoutTheHostsKeys) {
  TempDir t;
  t.copy(WARDEN_TEST_GOOD, "dir/good.so");
  AppPlugins app;
  app.pins["test-good"] = sha256_of_file(WARDEN_TEST_GOOD);
  app.configs["test-good"] = boost::json::object{{"sha256", app.pins["test-good"]}, {"greeting", "folder"}};
  auto p = load_app_plugins(app, {t / "dir"});
  ASSERT_EQ(p.loaded.size(), 1u) << refusals(p);
  EXPECT_EQ(config_seen_by(*p.loaded[0]), boost::json::parse(R"({"greeting":"folder"})"));
}

TEST(HostConfigKeys, OwnConfigDropsEveryHostKeyAndKeepsTheRest) {
  for (std::string_view key : host_config_keys) EXPECT_TRUE(is_host_config_key(key)) << key;
  EXPECT_FALSE(is_host_config_key("greeting"));
  boost::json::value entry = boost::json::parse(R"({"path":"p","sha256":"s","a":1,"b":{"path":"kept"}})");
  EXPECT_EQ(boost::json::parse(plugin_own_config(&entry)), boost::json::parse(R"({"a":1,"b":{"path":"kept"}})"));
  EXPECT_EQ(plugin_own_config(nullptr), "{}");
  boost::json::value not_object = boost::json::parse("[1]");
  EXPECT_EQ(plugin_own_config(&not_object), "[1]");
}
