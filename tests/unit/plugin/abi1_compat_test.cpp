// The ABI-1 compatibility shim (issue 14 item 2): a plugin built against the pre-SDK-1 header
// (tests/data/abi1-plugin) loads through the real loader and every ABI-1 host function it calls
// works, each forwarded to the ABI-2 core or extension that now provides it.
#include <gtest/gtest.h>

#include <mutex>

#include <boost/json.hpp>

#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"

using namespace warden::plugin;

namespace {

struct Recorded {
  std::mutex mutex;
  std::vector<std::string> messages;
  bool closed = false;
  std::vector<PluginEvent> events;
};

class RecordingSink : public ChannelSink {
 public:
  explicit RecordingSink(std::shared_ptr<Recorded> r) : r_(std::move(r)) {}
  void send(std::string message) override {
    std::lock_guard lock(r_->mutex);
    r_->messages.push_back(std::move(message));
  }
  void close() override {
    std::lock_guard lock(r_->mutex);
    r_->closed = true;
  }

 private:
  std::shared_ptr<Recorded> r_;
};

class Abi1Compat : public ::testing::Test {
 protected:
  void SetUp() override {
    env.resources = &table;
    env.open_channel = [this](std::string_view ref, const std::string&) -> std::unique_ptr<ChannelSink> {
      if (ref != "__CHANNEL__:9") return nullptr;
      return std::make_unique<RecordingSink>(recorded);
    };
    env.command_scopes = [](std::string_view command) -> std::optional<std::string> {
      if (command == "hello") return R"({"command":{"allow":["$HOME/*"],"deny":[]},"global":null})";
      return std::nullopt;
    };
    HostOptions options;
    options.paths.getenv = [](const std::string& n) -> std::optional<std::string> {
      if (n == "HOME") return "/home/abi1";
      return std::nullopt;
    };
    options.events = [r = recorded](const PluginEvent& e) {
      std::lock_guard lock(r->mutex);
      r->events.push_back(e);
    };
    lib = PluginLibrary::load(WARDEN_TEST_ABI1, "{}", options);
  }
  void TearDown() override {
    lib.reset();
    table.remove_plugin("test-abi1");
  }

  CallResult run(const std::string& command, const std::string& args = "{}") {
    CallRequest r;
    r.command = command;
    r.args_json = args;
    r.caller.window = "prefs";
    r.environment = &env;
    auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(10));
    if (!result) throw std::runtime_error(command + " did not complete");
    return *result;
  }
  boost::json::value json(const std::string& command, const std::string& args = "{}") {
    CallResult r = run(command, args);
    if (r.kind != CallResult::Kind::json) throw std::runtime_error(command + " failed: " + r.error);
    return boost::json::parse(r.json);
  }

  ResourceTable table;
  CallEnvironment env;
  std::shared_ptr<Recorded> recorded = std::make_shared<Recorded>();
  std::unique_ptr<PluginLibrary> lib;
};

}  // namespace

TEST_F(Abi1Compat, LoadsWithItsAbiOneSectionAndInitScript) {
  EXPECT_EQ(lib->manifest().abi_version, 1u);
  EXPECT_EQ(lib->name(), "test-abi1");
  EXPECT_EQ(lib->init_script(), "window.__abi1 = 1;");  // called with the state init stored
}

TEST_F(Abi1Compat, CompletionsAndLogWork) {
  EXPECT_EQ(boost::json::serialize(json("hello", R"({"a":1})")), R"({"window":"prefs","state":1,"args":{"a":1}})");
  CallResult failed = run("fail");
  EXPECT_EQ(failed.kind, CallResult::Kind::error);
  EXPECT_EQ(failed.error, "abi1 failure");
  EXPECT_FALSE(failed.scope_refused);
  CallResult bytes = run("bytes");
  ASSERT_EQ(bytes.kind, CallResult::Kind::bytes);
  EXPECT_EQ(bytes.bytes, std::string("\x01\x02\x03", 3));
  CallResult refused = run("refuse");
  EXPECT_EQ(refused.kind, CallResult::Kind::error);
  EXPECT_TRUE(refused.scope_refused);
  EXPECT_EQ(refused.error, "'/etc' is outside the abi1 scope");
}

TEST_F(Abi1Compat, PathFunctionsForwardToThePathScopeService) {
  auto r = json("resolve");
  EXPECT_EQ(r.at("path"), "/home/abi1/abi1.txt");
  EXPECT_TRUE(r.at("unknown").is_null());
  EXPECT_EQ(boost::json::serialize(json("in_scope")), "[1,0,-1]");
}

TEST_F(Abi1Compat, EmitReachesTheEventSinkAttributedToThePlugin) {
  EXPECT_EQ(boost::json::serialize(json("emit")), "[0,-1]");
  std::lock_guard lock(recorded->mutex);
  ASSERT_EQ(recorded->events.size(), 1u);
  EXPECT_EQ(recorded->events[0].plugin, "test-abi1");
  EXPECT_EQ(recorded->events[0].event, "abi1:event");
  EXPECT_EQ(recorded->events[0].payload_json, R"({"n":1})");
}

TEST_F(Abi1Compat, ChannelsStreamAndEnd) {
  EXPECT_EQ(json("stream", R"({"onEvent":"__CHANNEL__:9"})"), true);
  std::lock_guard lock(recorded->mutex);
  EXPECT_EQ(recorded->messages, (std::vector<std::string>{R"({"i":0})", R"({"i":1})"}));
  EXPECT_TRUE(recorded->closed);
  EXPECT_EQ(run("stream", R"({"onEvent":"__CHANNEL__:8"})").error, "no channel");
}

TEST_F(Abi1Compat, ResourcesAddGetCloseAndTheCloserRunsOnce) {
  auto r = json("resource");
  EXPECT_GT(r.at("rid").as_int64(), 0);
  EXPECT_EQ(r.at("got"), true);
  EXPECT_EQ(r.at("closed"), 0);
  EXPECT_EQ(r.at("again"), -1);
  EXPECT_EQ(json("closed"), 1);  // once the call that held it completed
}

TEST_F(Abi1Compat, CommandScopesComeFromTheCallEnvironment) {
  EXPECT_EQ(boost::json::serialize(json("scopes")), R"({"command":{"allow":["$HOME/*"],"deny":[]},"global":null})");
}
