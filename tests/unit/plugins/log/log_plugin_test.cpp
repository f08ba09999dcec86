// The real liblog.so loaded by the host's loader, with an app identifier and XDG folders of a
// temporary directory: the file lands in $APPLOG, filters apply, bad calls and configs fail.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "plugin/load_error.hpp"
#include "plugin/plugin_library.hpp"
#include "temp_dir.hpp"

using namespace warden::plugin;
namespace fs = std::filesystem;

using warden::test::TempDir;
using warden::test::read_file;

namespace {
HostOptions options_for(const fs::path& home, std::vector<PluginEvent>* events = nullptr) {
  HostOptions o;
  o.paths.app_identifier = "dev.warden.logtest";
  o.paths.getenv = [home](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME") return home.string();
    if (name == "XDG_DATA_HOME") return (home / "data").string();
    return std::nullopt;
  };
  if (events) o.events = [events](const PluginEvent& e) { events->push_back(e); };
  return o;
}
CallResult log_call(PluginLibrary& lib, const std::string& args, const std::string& window = "main") {
  CallRequest r;
  r.command = "log";
  r.args_json = args;
  r.caller.window = window;
  r.caller.webview = window;
  r.caller.origin = "app://localhost";
  auto result = lib.invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  if (!result) {
    ADD_FAILURE() << "log did not complete";
    return CallResult::from_error("timeout");
  }
  return *result;
}
}  // namespace

TEST(LogPlugin, DefaultConfigWritesTheAppLogDirFileNamedAfterTheIdentifier) {
  TempDir tmp;
  {
    auto lib = PluginLibrary::load(WARDEN_LOG_PLUGIN, "{}", options_for(tmp.path));
    auto r = log_call(*lib, R"({"level":3,"message":"hello file","keyValues":{"user":"ana"}})");
    EXPECT_EQ(r.kind, CallResult::Kind::json) << r.error;
    EXPECT_EQ(r.json, "null");
  }
  fs::path file = tmp.path / "data" / "dev.warden.logtest" / "logs" / "dev.warden.logtest.log";
  ASSERT_TRUE(fs::exists(file));
  std::string text = read_file(file);
  EXPECT_NE(text.find("[INFO] [webview:main] hello file user=ana\n"), std::string::npos) << text;
}

TEST(LogPlugin, LevelsTargetsAndTheWebviewEvent) {
  TempDir tmp;
  std::vector<PluginEvent> events;
  {
    auto lib = PluginLibrary::load(WARDEN_LOG_PLUGIN, R"({
      "level": "debug",
      "levels": {"webview:quiet": "off"},
      "targets": [
        {"kind": "folder", "path": "$HOME/custom", "fileName": "all"},
        {"kind": "folder", "path": "$HOME/custom", "fileName": "second", "include": ["webview:sec*"]},
        {"kind": "webview", "level": "warn"}
      ]})", options_for(tmp.path, &events));
    EXPECT_EQ(log_call(*lib, R"({"level":1,"message":"trace dropped"})").kind, CallResult::Kind::json);
    EXPECT_EQ(log_call(*lib, R"({"level":2,"message":"debug kept"})").kind, CallResult::Kind::json);
    EXPECT_EQ(log_call(*lib, R"({"level":4,"message":"warn evented"})").kind, CallResult::Kind::json);
    EXPECT_EQ(log_call(*lib, R"({"level":5,"message":"from second"})", "second").kind, CallResult::Kind::json);
    EXPECT_EQ(log_call(*lib, R"({"level":5,"message":"from quiet"})", "quiet").kind, CallResult::Kind::json);
  }
  std::string all = read_file(tmp.path / "custom" / "all.log");
  EXPECT_EQ(all.find("trace dropped"), std::string::npos);
  EXPECT_NE(all.find("[DEBUG] [webview:main] debug kept"), std::string::npos);
  EXPECT_NE(all.find("[WARN] [webview:main] warn evented"), std::string::npos);
  EXPECT_NE(all.find("[ERROR] [webview:second] from second"), std::string::npos);
  EXPECT_EQ(all.find("from quiet"), std::string::npos);
  std::string second = read_file(tmp.path / "custom" / "second.log");
  EXPECT_EQ(second.find("webview:main"), std::string::npos);
  EXPECT_NE(second.find("from second"), std::string::npos);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "log://log");
  EXPECT_FALSE(events[0].target_window);  // every window
  EXPECT_EQ(boost::json::parse(events[0].payload_json),
            boost::json::parse(R"({"message":"[webview:main] warn evented","level":4})"));
  EXPECT_EQ(boost::json::parse(events[1].payload_json).at("level").to_number<int>(), 5);
}

TEST(LogPlugin, BadCallsFailAndBadConfigRefusesTheLoad) {
  TempDir tmp;
  auto lib = PluginLibrary::load(WARDEN_LOG_PLUGIN, R"({"targets":[{"kind":"console"}]})", options_for(tmp.path));
  auto r = log_call(*lib, R"({"level":9,"message":"x"})");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_NE(r.error.find("'level'"), std::string::npos) << r.error;
  EXPECT_FALSE(fs::exists(tmp.path / "data"));  // console only: no file written
  try {
    PluginLibrary::load(WARDEN_LOG_PLUGIN, R"({"targets":[{"kind":"file"}]})", options_for(tmp.path));
    ADD_FAILURE() << "loaded with a bad config";
  } catch (const LoadError& e) {
    EXPECT_NE(e.reason().find("init failed: plugins.log: 'targets[0].kind'"), std::string::npos) << e.reason();
  }
}
