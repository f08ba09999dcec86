// Channels and resources of a real plugin, through the host's call environment: messages reach
// the sink in order, resources are per page, frame origin and type, and their closers run exactly
// when the page, the plugin, the page's or webview's end or the table's end removes them and no
// call holds them.
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
                          bool with_env = true, const std::string& origin = "app://localhost", uint64_t page = 0) {
    CallRequest r;
    r.command = command;
    r.args_json = boost::json::serialize(args);
    r.caller.webview = webview;
    r.caller.origin = origin;
    r.caller.page = page;
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

// A cross-origin frame in the same webview, or the next document it shows, cannot see, use or
// close the page's resources (issue 13, findings 1 and 2).
TEST_F(Resources, AResourceIsVisibleOnlyToItsPageAndFrameOrigin) {
  const std::string frame = "http://127.0.0.1:8000";
  auto rid = call("open", {{"text", "secret"}}, "main", true, "app://localhost", 1).as_int64();
  EXPECT_EQ(call("read", {{"rid", rid}}, "main", true, "app://localhost", 1), boost::json::value("secret"));
  EXPECT_TRUE(call("read", {{"rid", rid}}, "main", true, frame, 1).is_null());
  EXPECT_TRUE(call("read", {{"rid", rid}}, "main", true, "app://localhost", 2).is_null());
  EXPECT_EQ(call("close", {{"rid", rid}}, "main", true, frame, 1), boost::json::value(false));
  EXPECT_FALSE(table.remove_any_plugin({"main", frame, 1}, static_cast<uint32_t>(rid)));
  EXPECT_FALSE(table.remove_any_plugin({"main", "app://localhost", 2}, static_cast<uint32_t>(rid)));
  EXPECT_EQ(table.size(), 1u);
  EXPECT_TRUE(table.remove_any_plugin({"main", "app://localhost", 1}, static_cast<uint32_t>(rid)));
}

TEST_F(Resources, ANewPageClosesTheEarlierPagesResourcesAndRefusesTheirLateAdds) {
  int base = alive();
  call("open", {{"text", "old"}}, "main", true, "app://localhost", 1);
  auto other = call("open", {{"text", "other window"}}, "second", true, "app://localhost", 1).as_int64();
  EXPECT_EQ(alive(), base + 2);
  table.remove_pages_before("main", 2);  // "main" committed page 2
  EXPECT_EQ(alive(), base + 1);
  // A call of page 1 still running adds nothing that would outlive its page.
  auto late = call("open", {{"text", "late"}}, "main", true, "app://localhost", 1);
  EXPECT_TRUE(late.is_string() && late.as_string().starts_with("error:")) << late;
  EXPECT_EQ(alive(), base + 1);
  auto fresh = call("open", {{"text", "new"}}, "main", true, "app://localhost", 2).as_int64();
  EXPECT_EQ(call("read", {{"rid", fresh}}, "main", true, "app://localhost", 2), boost::json::value("new"));
  EXPECT_EQ(call("read", {{"rid", other}}, "second", true, "app://localhost", 1), boost::json::value("other window"));
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

  EXPECT_TRUE(table.remove_any_plugin({"main", "app://localhost", 0}, static_cast<uint32_t>(b)));  // plugin:resources|close
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
  const ResourceOwner main{"main", "app://localhost", 1};
  auto rid = table.add(main, "p", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
  auto held = table.get(main, "p", rid);
  ASSERT_TRUE(held);
  EXPECT_FALSE(table.get(main, "q", rid));
  EXPECT_TRUE(table.remove(main, "p", rid));
  EXPECT_EQ(closed, 0);
  held.reset();
  EXPECT_EQ(closed, 1);
}

TEST(ResourceTable, EverythingLeftIsClosedWithTheTable) {
  static int closed = 0;
  closed = 0;
  {
    ResourceTable table;
    table.add({"main", "app://localhost", 0}, "p", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
    table.add({"second", "app://localhost", 0}, "q", std::make_shared<ResourceObject>(nullptr, [](void*) { ++closed; }));
  }
  EXPECT_EQ(closed, 2);
}

// Tauri's tray icon goes when its page closes it, but stays when the page goes.
TEST(ResourceTable, OnlyThePagesOwnCloseRunsTheExplicitCloseHook) {
  ResourceTable table;
  const ResourceOwner main{"main", "app://localhost", 1};
  int explicit_closes = 0;
  auto object = [&] {
    auto o = std::make_shared<ResourceObject>(nullptr, [](void*) {});
    o->on_explicit_close = [&explicit_closes] { ++explicit_closes; };
    return o;
  };
  auto by_plugin = table.add(main, "p", object());
  auto by_page = table.add(main, "p", object());
  table.add(main, "p", object());
  table.add({"main", "app://localhost", 2}, "p", object());
  EXPECT_TRUE(table.remove(main, "p", by_plugin));
  EXPECT_EQ(explicit_closes, 1);
  EXPECT_TRUE(table.remove_any_plugin(main, by_page));
  EXPECT_EQ(explicit_closes, 2);
  EXPECT_FALSE(table.remove(main, "p", by_page));  // already gone: nothing runs twice
  table.remove_pages_before("main", 2);
  table.remove_webview("main");
  EXPECT_EQ(explicit_closes, 2);
  EXPECT_EQ(table.size(), 0u);
}
