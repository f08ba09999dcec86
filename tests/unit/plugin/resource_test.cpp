// Channels and resources of a real plugin, through the host's call environment: messages reach
// the sink in order, resources are per webview and per type, and their closers run exactly when
// the page, the plugin, the webview's end or the table's end removes them and no call holds them.
#include <gtest/gtest.h>

#include <mutex>

#include <boost/json.hpp>

#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"

using namespace warden::plugin;

namespace {

struct RecordedChannel {
  std::mutex mutex;
  std::string webview;
  std::vector<std::string> messages;
  bool closed = false;
};

class RecordingSink : public ChannelSink {
 public:
  explicit RecordingSink(std::shared_ptr<RecordedChannel> ch) : ch_(std::move(ch)) {}
  void send(std::string message) override {
    std::lock_guard lock(ch_->mutex);
    ch_->messages.push_back(std::move(message));
  }
  void close() override {
    std::lock_guard lock(ch_->mutex);
    ch_->closed = true;
  }

 private:
  std::shared_ptr<RecordedChannel> ch_;
};

class Resources : public ::testing::Test {
 protected:
  void SetUp() override {
    env.resources = &table;
    env.open_channel = [this](std::string_view ref, const std::string& webview) -> std::unique_ptr<ChannelSink> {
      if (ref != "__CHANNEL__:7") return nullptr;
      channel->webview = webview;
      return std::make_unique<RecordingSink>(channel);
    };
    lib = PluginLibrary::load(WARDEN_TEST_RESOURCES, "{}");
  }
  void TearDown() override { table.remove_plugin("test-resources"); }

  boost::json::value call(const std::string& command, boost::json::object args, const std::string& webview = "main",
                          bool with_env = true) {
    CallRequest r;
    r.command = command;
    r.args_json = boost::json::serialize(args);
    r.caller.webview = webview;
    if (with_env) r.environment = &env;
    PendingCall pending = lib->invoke(std::move(r));
    auto result = pending.wait_for(std::chrono::seconds(10));
    if (!result) throw std::runtime_error(command + " did not complete");
    if (result->kind != CallResult::Kind::json) return boost::json::value(boost::json::string("error: " + result->error));
    return boost::json::parse(result->json);
  }
  int alive() { return static_cast<int>(call("alive", {}).as_int64()); }

  ResourceTable table;
  CallEnvironment env;
  std::shared_ptr<RecordedChannel> channel = std::make_shared<RecordedChannel>();
  std::unique_ptr<PluginLibrary> lib;
};

}  // namespace

TEST_F(Resources, ChannelMessagesReachTheCallersWebviewInOrderAndEnd) {
  EXPECT_EQ(call("stream", {{"onEvent", "__CHANNEL__:7"}, {"count", 3}}, "second"), boost::json::value(3));
  std::lock_guard lock(channel->mutex);
  EXPECT_EQ(channel->webview, "second");
  ASSERT_EQ(channel->messages.size(), 3u);
  EXPECT_EQ(boost::json::parse(channel->messages[2]), (boost::json::object{{"i", 2}}));
  EXPECT_TRUE(channel->closed);  // the wrapper's Channel ended it when it went out of scope
}

TEST_F(Resources, NotAChannelOrNoEnvironmentIsAnError) {
  auto bad = call("stream", {{"onEvent", "__CHANNEL__:8"}, {"count", 1}});
  EXPECT_NE(bad.as_string().find("is not a channel"), std::string::npos) << bad;
  auto none = call("stream", {{"onEvent", "__CHANNEL__:7"}, {"count", 1}}, "main", false);
  EXPECT_TRUE(none.as_string().starts_with("error:")) << none;
}

TEST_F(Resources, AResourceIsVisibleOnlyToItsWebviewAndType) {
  auto rid = call("open", {{"text", "hello"}}).as_int64();
  EXPECT_GT(rid, 0);
  EXPECT_EQ(call("read", {{"rid", rid}}), boost::json::value("hello"));
  EXPECT_TRUE(call("read", {{"rid", rid}}, "other").is_null());
  EXPECT_EQ(call("read_other", {{"rid", rid}}), boost::json::value(false));
  EXPECT_TRUE(call("read", {{"rid", rid + 1}}).is_null());
  EXPECT_EQ(call("close", {{"rid", rid}}, "other"), boost::json::value(false));
  EXPECT_EQ(table.size(), 1u);
}

TEST_F(Resources, ClosersRunWhenThePageThePluginOrTheWebviewsEndRemovesThem) {
  int base = alive();
  auto a = call("open", {{"text", "a"}}).as_int64();
  auto b = call("open", {{"text", "b"}}).as_int64();
  call("open", {{"text", "c"}}, "second");
  EXPECT_EQ(alive(), base + 3);

  EXPECT_EQ(call("close", {{"rid", a}}), boost::json::value(true));  // the plugin closes it
  EXPECT_EQ(alive(), base + 2);
  EXPECT_EQ(call("close", {{"rid", a}}), boost::json::value(false));  // only once

  EXPECT_TRUE(table.remove_any_plugin("main", static_cast<uint32_t>(b)));  // plugin:resources|close
  EXPECT_EQ(alive(), base + 1);

  table.remove_webview("second");  // the window went away
  EXPECT_EQ(alive(), base);
  EXPECT_EQ(table.size(), 0u);
}

TEST_F(Resources, RidsAreNotReused) {
  auto a = call("open", {{"text", "a"}}).as_int64();
  call("close", {{"rid", a}});
  auto b = call("open", {{"text", "b"}}).as_int64();
  EXPECT_NE(a, b);
  EXPECT_TRUE(call("read", {{"rid", a}}).is_null());
}

TEST(ResourceTable, AHeldObjectIsClosedOnlyWhenTheLastHolderLetsGo) {
  static int closed = 0;
  closed = 0;
  ResourceTable table;
  auto rid = table.add("main", "p", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
  auto held = table.get("main", "p", rid);
  ASSERT_TRUE(held);
  EXPECT_FALSE(table.get("main", "q", rid));
  EXPECT_TRUE(table.remove("main", "p", rid));
  EXPECT_EQ(closed, 0);
  held.reset();
  EXPECT_EQ(closed, 1);
}

TEST(ResourceTable, EverythingLeftIsClosedWithTheTable) {
  static int closed = 0;
  closed = 0;
  {
    ResourceTable table;
    table.add("main", "p", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
    table.add("second", "q", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
  }
  EXPECT_EQ(closed, 2);
}
