#include "runtime/blocking_pool.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

using namespace warden::runtime;
using namespace std::chrono_literals;

namespace {

// Jobs that block until released, so that a test decides when each ends (no timing).
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return open_; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // Waits until `n` jobs are blocked in wait(); false after 5 s.
  bool reached(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return waiting_ >= n; });
  }
  int waiting() {
    std::lock_guard lock(mutex_);
    return waiting_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;
  bool open_ = false;
};

bool eventually(const std::function<bool()>& done) {
  auto end = std::chrono::steady_clock::now() + 5s;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

}  // namespace

TEST(BlockingPool, DefaultSizeFollowsTheMachine) {
  size_t cores = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(default_threads(), std::clamp<size_t>(2 * cores, 4, 64));
  BlockingPool pool;
  EXPECT_EQ(pool.threads(), default_threads());
  EXPECT_EQ(pool.per_webview(), std::max<size_t>(1, default_threads() / 2));
  BlockingPool small({3, 9});
  EXPECT_EQ(small.per_webview(), 3u);  // a share is never more than the pool
}

// One webview that queues far more blocking jobs than there are threads occupies only its share;
// another webview's job runs while all of the first one's are still blocked.
TEST(BlockingPool, OneWebviewCannotTakeEveryThread) {
  BlockingPool pool({4, 2});
  Gate sleepers;
  std::atomic<int> started{0};
  for (int i = 0; i < 20; ++i) pool.run("hog", [&] { ++started; sleepers.wait(); });
  ASSERT_TRUE(sleepers.reached(2));
  std::atomic<bool> other_ran{false};
  pool.run("other", [&] { other_ran = true; });
  EXPECT_TRUE(eventually([&] { return other_ran.load(); }));
  EXPECT_EQ(started.load(), 2);  // the hog's share, not the pool: its other jobs wait for its own
  sleepers.open();
  EXPECT_TRUE(eventually([&] { return started.load() == 20; }));
}

// Webviews with queued jobs take turns: a webview that queued first does not run all its jobs
// before a later one gets any.
TEST(BlockingPool, WebviewsTakeTurns) {
  BlockingPool pool({1, 1});
  Gate first;
  std::mutex m;
  std::vector<std::string> order;
  pool.run("a", [&] { first.wait(); });  // holds the only thread while the queues fill
  ASSERT_TRUE(first.reached(1));
  for (int i = 0; i < 3; ++i) pool.run("a", [&] { std::lock_guard l(m); order.push_back("a"); });
  for (int i = 0; i < 3; ++i) pool.run("b", [&] { std::lock_guard l(m); order.push_back("b"); });
  first.open();
  ASSERT_TRUE(eventually([&] { std::lock_guard l(m); return order.size() == 6; }));
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "a", "b", "a", "b"}));
}

TEST(BlockingPool, JobsThatThrowDoNotStopTheThread) {
  BlockingPool pool({1, 1});
  std::atomic<bool> ran{false};
  pool.run("v", [] { throw std::runtime_error("boom"); });
  pool.run("v", [&] { ran = true; });
  EXPECT_TRUE(eventually([&] { return ran.load(); }));
}

// Jobs not yet started when the pool goes are destroyed without running (a call's completion
// then rejects it); running ones finish first.
TEST(BlockingPool, DestructionDropsQueuedJobs) {
  std::atomic<int> ran{0};
  auto token = std::make_shared<int>(0);
  {
    BlockingPool pool({1, 1});
    Gate gate;
    pool.run("v", [&] { gate.wait(); ++ran; });
    ASSERT_TRUE(gate.reached(1));
    for (int i = 0; i < 5; ++i) pool.run("v", [&, token] { ++ran; });
    EXPECT_EQ(token.use_count(), 6);
    std::thread opener([&] {
      std::this_thread::sleep_for(50ms);
      gate.open();
    });
    // The destructor runs while the first job still waits; it must wait for it, drop the rest.
    opener.detach();
  }
  EXPECT_GE(ran.load(), 1);
  EXPECT_EQ(token.use_count(), 1);
}
