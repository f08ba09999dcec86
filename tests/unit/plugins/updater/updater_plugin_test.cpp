// The real libupdater.so loaded by the host's loader: its config read at init, and the refusals
// that need no server (the e2e, tests/e2e/updater, serves real updates).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugin/app_hooks.hpp"
#include "plugin/plugin_library.hpp"

using namespace warden::plugin;

namespace {

// A key made by `minisign -G`: the base64 of its .pub file, as Tauri's pubkey is written.
const char* kPubkey =
    "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXkgRjY2NjE5QTdBMUY4MzVBMQpSV1NoTmZpaHB4bG05aGdTVHlvWDlMbkJM"
    "RFJUZVFDMnJKTTUwVGtXUENtS1BzcjdzWGh3Tlowago=";

std::string config(const std::string& extra) {
  return std::string(R"({"pubkey":")") + kPubkey + "\"" + extra + "}";
}

HostOptions with_app() {
  HostOptions options;
  options.app = std::make_shared<AppHooks>();
  options.app->identity = AppIdentity{"dev.warden.test", "Test", "1.0.0"};
  return options;
}

// The error a command fails with ("" when it succeeds).
std::string error_of(PluginLibrary& lib, const std::string& command, const std::string& args = "{}") {
  CallRequest r;
  r.command = command;
  r.args_json = args;
  auto result = lib.invoke(std::move(r)).wait_for(std::chrono::seconds(20));
  if (!result) return "did not complete";
  return result->kind == CallResult::Kind::error ? result->error : "";
}

std::string load_error(const std::string& config_json) {
  try {
    PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config_json, with_app());
  } catch (const std::exception& e) {
    return e.what();
  }
  return "loaded";
}

}  // namespace

TEST(UpdaterPlugin, LoadsForAnAppWithoutConfigAndSaysWhatIsMissing) {
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, "{}", with_app());
  EXPECT_NE(error_of(*lib, "check").find("not configured"), std::string::npos);
}

TEST(UpdaterPlugin, RefusesABadConfigAtLoad) {
  EXPECT_NE(load_error(R"({"endpoints":["https://x/"]})").find("pubkey"), std::string::npos);
  EXPECT_NE(load_error(R"({"pubkey":"not a key","endpoints":["https://x/"]})").find("plugins.updater.pubkey"),
            std::string::npos);
  EXPECT_NE(load_error(config(R"(,"dangerousAcceptInvalidCerts":true)")).find("unknown key"), std::string::npos);
}

TEST(UpdaterPlugin, CheckRefusesHttpWithoutTheDangerousKey) {
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config(R"(,"endpoints":["http://127.0.0.1:9/x"])"), with_app());
  EXPECT_NE(error_of(*lib, "check").find("dangerousInsecureTransportProtocol"), std::string::npos);
}

TEST(UpdaterPlugin, CheckRefusesPageOptionsTheConfigDoesNotAllow) {
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config(R"(,"endpoints":["https://127.0.0.1:9/x"])"), with_app());
  EXPECT_NE(error_of(*lib, "check", R"({"proxy":"http://127.0.0.1:1"})").find("allowPageProxy"), std::string::npos);
  EXPECT_NE(error_of(*lib, "check", R"({"allowDowngrades":true})").find("allowDowngrades"), std::string::npos);
  EXPECT_NE(error_of(*lib, "check", R"({"headers":[["X-A","1\r\nX-Injected: 1"]]})").find("holds CR, LF or NUL"),
            std::string::npos);
  EXPECT_NE(error_of(*lib, "check", R"({"headers":{"X":"1"}})").find("pairs"), std::string::npos);
  EXPECT_NE(error_of(*lib, "check", R"({"timeout":-5})").find("timeout"), std::string::npos);
}

TEST(UpdaterPlugin, CheckReportsTheLastEndpointsFailure) {
  // Port 9 (discard) on loopback: nothing listens in the test environment, the connection fails.
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config(R"(,"endpoints":["https://127.0.0.1:9/x"])"), with_app());
  std::string error = error_of(*lib, "check");
  EXPECT_NE(error.find("no update endpoint answered"), std::string::npos) << error;
  EXPECT_NE(error.find("https://127.0.0.1:9/x"), std::string::npos) << error;
}

TEST(UpdaterPlugin, DownloadAndInstallNeedAnUpdateFromCheck) {
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config(R"(,"endpoints":["https://127.0.0.1:9/x"])"), with_app());
  EXPECT_NE(error_of(*lib, "download_and_install", R"({"rid":7})").find("no update with resource id 7"), std::string::npos);
  EXPECT_NE(error_of(*lib, "install", R"({"updateRid":7,"bytesRid":8})").find("no update with resource id 7"), std::string::npos);
}

TEST(UpdaterPlugin, OutsideARunThereIsNoAppToUpdate) {
  auto lib = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config(R"(,"endpoints":["https://127.0.0.1:9/x"])"));
  EXPECT_NE(error_of(*lib, "check").find("no running app"), std::string::npos);
}
