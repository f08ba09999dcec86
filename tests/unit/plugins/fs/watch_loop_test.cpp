// The libuv watch loop on a real folder: events arrive in plugin-fs's shape, only for paths in
// scope, batched with a delay, and stop when the watch is dropped.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fs_test_support.hpp"
#include "watch_loop.hpp"

using namespace warden::fs_plugin;
using warden::fs_test::Tree;
namespace json = boost::json;

namespace {
struct Inbox {
  std::mutex mutex;
  std::condition_variable cv;
  std::vector<json::value> events;
  // Waits (bounded, for slow machines) until an event names `path`; the deadline only ends a
  // test that would otherwise hang, it is not what is tested.
  bool wait_for_path(const std::string& path) {
    std::unique_lock l(mutex);
    return cv.wait_for(l, std::chrono::seconds(20), [&] { return has(path); });
  }
  bool has(const std::string& path) {
    for (const auto& e : events)
      for (const auto& p : e.at("paths").as_array())
        if (p.as_string() == path) return true;
    return false;
  }
  std::function<void(const json::value&)> sender() {
    return [this](const json::value& e) {
      std::lock_guard l(mutex);
      events.push_back(e);
      cv.notify_all();
    };
  }
};
}  // namespace

TEST(WatchLoop, ReportsChangesInScopeOnly) {
  Tree t;
  t.write("allowed/private/.keep", "");
  auto access = t.access(R"({"allow": ["$HOME/allowed/**"], "deny": ["$HOME/allowed/private/**"]})");
  auto loop = std::make_shared<WatchLoop>();
  Inbox inbox;
  WatchRequest r;
  r.paths = {t.path("allowed")};
  r.recursive = true;
  r.in_scope = access.in_scope;
  r.send = inbox.sender();
  auto watch = loop->watch(std::move(r));

  t.write("allowed/private/hidden.txt", "x");  // denied: never reported
  t.write("allowed/new.txt", "x");
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/new.txt")));
  std::filesystem::create_directories(t.path("allowed/sub"));
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/sub")));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let the new folder's watch start
  t.write("allowed/sub/deep.txt", "x");  // in a folder created after the watch began
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/sub/deep.txt")));
  {
    std::lock_guard l(inbox.mutex);
    EXPECT_FALSE(inbox.has(t.path("allowed/private/hidden.txt")));
    bool created = false;
    for (const auto& e : inbox.events)
      if (e.at("paths").at(0) == json::value(t.path("allowed/new.txt")) && e.at("type").as_object().contains("create"))
        created = e.at("type").at("create").at("kind") == "file";
    EXPECT_TRUE(created);
  }
  std::filesystem::remove(t.path("allowed/new.txt"));
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/new.txt")));

  watch.reset();  // stops the watch
  loop->stop();
  std::size_t before;
  {
    std::lock_guard l(inbox.mutex);
    before = inbox.events.size();
  }
  t.write("allowed/after-stop.txt", "x");
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::lock_guard l(inbox.mutex);
  EXPECT_EQ(inbox.events.size(), before);
}

TEST(WatchLoop, DelayBatchesRepeatedChanges) {
  Tree t;
  t.write("allowed/f.txt", "0");
  auto loop = std::make_shared<WatchLoop>();
  Inbox inbox;
  WatchRequest r;
  r.paths = {t.path("allowed/f.txt")};
  r.delay_ms = 1500;
  r.in_scope = t.access().in_scope;
  r.send = inbox.sender();
  auto watch = loop->watch(std::move(r));
  for (int i = 0; i < 5; ++i) {
    std::ofstream(t.path("allowed/f.txt"), std::ios::app) << i;
  }
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/f.txt")));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  std::lock_guard l(inbox.mutex);
  // Five appends make many inotify events; one batch holds each distinct change once.
  int modifies = 0;
  for (const auto& e : inbox.events)
    if (e.at("type").as_object().contains("modify")) ++modifies;
  EXPECT_EQ(modifies, 1);
}

TEST(WatchLoop, AMissingPathIsAnError) {
  Tree t;
  auto loop = std::make_shared<WatchLoop>();
  WatchRequest r;
  r.paths = {t.path("allowed/missing")};
  r.in_scope = t.access().in_scope;
  r.send = [](const json::value&) {};
  try {
    loop->watch(std::move(r));
    FAIL() << "watching a missing path succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("allowed/missing"), std::string::npos) << e.what();
  }
}
