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
  // Waits the same way for a create event naming `path` (a remove of an earlier one at the same
  // path does not count).
  bool wait_for_create(const std::string& path) {
    std::unique_lock l(mutex);
    return cv.wait_for(l, std::chrono::seconds(20), [&] {
      for (const auto& e : events)
        if (e.at("paths").at(0) == json::value(path) && e.at("type").as_object().contains("create")) return true;
      return false;
    });
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
  Inbox inbox;  // outlives the loop, whose thread sends to it until the loop stops
  auto loop = std::make_shared<WatchLoop>();
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
  Inbox inbox;  // outlives the loop, whose thread sends to it until the loop stops
  auto loop = std::make_shared<WatchLoop>();
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

namespace {
bool any_path_contains(Inbox& inbox, const std::string& part) {
  std::lock_guard l(inbox.mutex);
  for (const auto& e : inbox.events)
    for (const auto& p : e.at("paths").as_array())
      if (std::string(p.as_string()).find(part) != std::string::npos) return true;
  return false;
}

WatchRequest recursive_request(const Tree& t, const std::string& scopes, Inbox& inbox) {
  WatchRequest r;
  r.paths = {t.path("allowed")};
  r.recursive = true;
  r.in_scope = t.access(scopes).in_scope;
  r.send = inbox.sender();
  return r;
}
}  // namespace

// inotify follows a moved folder's inode: what happens to it outside the scope must not be
// reported under its old path, and a new folder at that path is watched (issue 13, finding 7).
// One inotify instance delivers in order, so events caused before the marker arrive before it.
TEST(WatchLoop, AFolderMovedOutOfTheScopeIsNoLongerReported) {
  Tree t;
  t.write("allowed/sub/old.txt", "x");
  Inbox inbox;  // outlives the loop, whose thread sends to it until the loop stops
  auto loop = std::make_shared<WatchLoop>();
  auto watch = loop->watch(recursive_request(t, R"({"allow": ["$HOME/allowed", "$HOME/allowed/**"]})", inbox));

  std::filesystem::rename(t.path("allowed/sub"), t.path("outside/sub"));
  t.write("outside/sub/private-1.txt", "secret");
  std::filesystem::create_directories(t.path("allowed/sub"));
  ASSERT_TRUE(inbox.wait_for_create(t.path("allowed/sub")));  // watched before it is reported
  t.write("outside/sub/private-2.txt", "secret");
  t.write("allowed/sub/new.txt", "mine");
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/sub/new.txt")));  // the new folder is watched
  t.write("allowed/marker.txt", "x");
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/marker.txt")));
  EXPECT_FALSE(any_path_contains(inbox, "private"));
}

TEST(WatchLoop, AFolderMovedUnderADenyIsNoLongerReported) {
  Tree t;
  t.write("allowed/x/old.txt", "x");
  t.write("allowed/secret/.keep", "");
  Inbox inbox;  // outlives the loop, whose thread sends to it until the loop stops
  auto loop = std::make_shared<WatchLoop>();
  auto watch = loop->watch(
      recursive_request(t, R"({"allow": ["$HOME/allowed", "$HOME/allowed/**"], "deny": ["$HOME/allowed/secret/**"]})", inbox));

  std::filesystem::rename(t.path("allowed/x"), t.path("allowed/secret/x"));
  t.write("allowed/moved.txt", "x");
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/moved.txt")));
  std::size_t before;
  {
    std::lock_guard l(inbox.mutex);
    before = inbox.events.size();
  }
  t.write("allowed/secret/x/hidden.txt", "secret");
  t.write("allowed/marker.txt", "x");
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/marker.txt")));
  std::lock_guard l(inbox.mutex);
  for (std::size_t i = before; i < inbox.events.size(); ++i) {  // the markers' own later events only
    const auto& path = inbox.events[i].at("paths").at(0);
    EXPECT_TRUE(path == json::value(t.path("allowed/marker.txt")) || path == json::value(t.path("allowed/moved.txt")))
        << json::serialize(inbox.events[i]);
  }
}

// A watched file replaced by another (an atomic write renames a new file over it) is watched
// again at its path; the old inode's events are not reported.
TEST(WatchLoop, ANamedFileReplacedIsWatchedAgain) {
  Tree t;
  t.write("allowed/f.txt", "0");
  Inbox inbox;  // outlives the loop, whose thread sends to it until the loop stops
  auto loop = std::make_shared<WatchLoop>();
  WatchRequest r;
  r.paths = {t.path("allowed/f.txt")};
  r.in_scope = t.access().in_scope;
  r.send = inbox.sender();
  auto watch = loop->watch(std::move(r));

  t.write("allowed/f.txt.tmp", "1");
  std::filesystem::rename(t.path("allowed/f.txt.tmp"), t.path("allowed/f.txt"));
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/f.txt")));
  {
    std::lock_guard l(inbox.mutex);
    inbox.events.clear();
  }
  std::ofstream(t.path("allowed/f.txt"), std::ios::app) << "2";
  ASSERT_TRUE(inbox.wait_for_path(t.path("allowed/f.txt")));
  std::lock_guard l(inbox.mutex);
  EXPECT_TRUE(inbox.events.front().at("type").as_object().contains("modify")) << json::serialize(inbox.events.front());
}
