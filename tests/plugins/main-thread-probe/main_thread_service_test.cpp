// warden.main-thread/1's host side (host/plugin/main_thread_service.*) on the host's real
// main-thread queue (runtime::MainThreadQueue) and a GLib main context that the test iterates as
// the UI thread would.
#include "plugin/main_thread_service.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <glib.h>
#include <gtest/gtest.h>

#include "runtime/main_thread_queue.hpp"

using namespace warden::plugin;
using namespace std::chrono_literals;

namespace {

// A private main context and the host's queue on it; the test thread is the main thread.
class MainLoop {
 public:
  MainLoop() : context_(g_main_context_new()), queue_(std::make_unique<warden::runtime::MainThreadQueue>(context_)) {}
  ~MainLoop() {
    queue_.reset();
    g_main_context_unref(context_);
  }
  PostToMainThread poster() {
    return [q = queue_.get()](std::function<void()> task) { q->post(std::move(task)); };
  }
  // Iterates until `done()`; false when it has not happened within a generous bound (a hang guard).
  template <class F>
  bool run_until(F done) {
    auto end = std::chrono::steady_clock::now() + 20s;
    while (!done()) {
      if (std::chrono::steady_clock::now() > end) return false;
      g_main_context_iteration(context_, FALSE);
      std::this_thread::yield();
    }
    return true;
  }
  // Runs what is ready now, several turns (a callback that requests another shows up next turn).
  void drain() {
    for (int i = 0; i < 10; ++i)
      while (g_main_context_iteration(context_, FALSE)) {
      }
  }

 private:
  GMainContext* context_;
  std::unique_ptr<warden::runtime::MainThreadQueue> queue_;
};

// The payload the tests hand over: where the callback records that it ran, and on which thread.
struct Record {
  std::vector<int> order;
  std::vector<std::thread::id> threads;
};
struct Job {
  Record* record;
  int id;
};
void record_job(void* data) {
  std::unique_ptr<Job> job(static_cast<Job*>(data));  // the callback owns its payload
  job->record->order.push_back(job->id);
  job->record->threads.push_back(std::this_thread::get_id());
}
int request(MainThreadService::PluginCallbacks& plugin, Record& record, int id) {
  auto job = std::make_unique<Job>(Job{&record, id});
  int rc = plugin.request(&record_job, job.get());
  if (rc == 0) job.release();
  return rc;
}

}  // namespace

TEST(MainThreadService, RunsEachCallbackOnceOnTheMainThreadInOrderOfRequests) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  Record record;
  for (int i = 0; i < 100; ++i) ASSERT_EQ(request(*plugin, record, i), 0);
  EXPECT_TRUE(record.order.empty()) << "a callback ran before the main loop turned";
  ASSERT_TRUE(loop.run_until([&] { return record.order.size() == 100; }));
  loop.drain();
  std::vector<int> expected(100);
  for (int i = 0; i < 100; ++i) expected[i] = i;
  EXPECT_EQ(record.order, expected);
  for (auto id : record.threads) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(MainThreadService, CallbacksRequestedFromManyThreadsAllRunOnTheMainThreadEachThreadInItsOrder) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  Record record;  // written on the main thread only
  std::vector<std::thread> threads;
  std::atomic<int> refused = 0;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 250; ++i)
        if (request(*plugin, record, t * 1000 + i) != 0) ++refused;
    });
  ASSERT_TRUE(loop.run_until([&] { return record.order.size() == 1000; }));
  for (auto& th : threads) th.join();
  loop.drain();
  EXPECT_EQ(refused, 0);
  ASSERT_EQ(record.order.size(), 1000u);
  int last[4] = {-1, -1, -1, -1};
  for (int id : record.order) {
    EXPECT_GT(id % 1000, last[id / 1000]) << "thread " << id / 1000 << "'s callbacks ran out of order";
    last[id / 1000] = id % 1000;
  }
  for (auto id : record.threads) EXPECT_EQ(id, std::this_thread::get_id());
}

TEST(MainThreadService, RefusesANullCallback) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  EXPECT_EQ(service.plugin_callbacks()->request(nullptr, nullptr), -1);
}

TEST(MainThreadService, HostCloseRunsWhatItAcceptedInOrderThenRefusesAndTheCallerKeepsItsPayload) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  Record record;
  for (int i = 0; i < 3; ++i) ASSERT_EQ(request(*plugin, record, i), 0);
  // The main loop has ended: nothing turns it again, yet no accepted callback is dropped.
  EXPECT_EQ(service.close(), 3u);
  EXPECT_EQ(record.order, (std::vector<int>{0, 1, 2}));

  Job kept{&record, 99};
  EXPECT_EQ(plugin->request(&record_job, &kept), -1);  // refused: `kept` is still ours (on the stack)
  EXPECT_EQ(service.plugin_callbacks()->request(&record_job, &kept), -1);
  loop.drain();  // the tasks the queue still holds run nothing twice
  EXPECT_EQ(record.order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(service.close(), 0u);
}

TEST(MainThreadService, PluginCloseRunsOnlyThatPluginsCallbacksAndRefusesOnlyIt) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto a = service.plugin_callbacks();
  auto b = service.plugin_callbacks();
  Record ra, rb;
  ASSERT_EQ(request(*a, ra, 1), 0);
  ASSERT_EQ(request(*b, rb, 1), 0);
  ASSERT_EQ(request(*a, ra, 2), 0);
  ASSERT_EQ(request(*b, rb, 2), 0);
  EXPECT_EQ(a->close(), 2u);  // before a's shutdown
  EXPECT_EQ(ra.order, (std::vector<int>{1, 2}));
  EXPECT_TRUE(rb.order.empty());
  Job kept{&ra, 3};
  EXPECT_EQ(a->request(&record_job, &kept), -1);
  ASSERT_EQ(request(*b, rb, 3), 0);
  ASSERT_TRUE(loop.run_until([&] { return rb.order.size() == 3; }));
  loop.drain();
  EXPECT_EQ(rb.order, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(ra.order, (std::vector<int>{1, 2}));
}

namespace {
struct Chain {
  MainThreadService::PluginCallbacks* plugin;
  std::vector<std::string> log;
  int again = -2;  // what the callback's own request returned
};
void second(void* data) { static_cast<Chain*>(data)->log.push_back("second"); }
void first(void* data) {
  auto* chain = static_cast<Chain*>(data);
  chain->log.push_back("first");
  chain->again = chain->plugin->request(&second, chain);
}
}  // namespace

TEST(MainThreadService, ACallbackMayRequestAnotherWhichRunsOnALaterTurn) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  Chain chain{plugin.get(), {}, -2};
  ASSERT_EQ(plugin->request(&first, &chain), 0);
  ASSERT_TRUE(loop.run_until([&] { return chain.log.size() == 2; }));
  EXPECT_EQ(chain.again, 0);
  EXPECT_EQ(chain.log, (std::vector<std::string>{"first", "second"}));
}

TEST(MainThreadService, ACallbackRunByCloseIsRefusedAnother) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  Chain chain{plugin.get(), {}, -2};
  ASSERT_EQ(plugin->request(&first, &chain), 0);
  EXPECT_EQ(service.close(), 1u);
  EXPECT_EQ(chain.again, -1);
  loop.drain();
  EXPECT_EQ(chain.log, (std::vector<std::string>{"first"}));
}

namespace {
void fulfil(void* data) { static_cast<std::promise<std::thread::id>*>(data)->set_value(std::this_thread::get_id()); }
}  // namespace

// The exit of `warden run`: its main loop has ended while a worker (a blocking command) waits for
// a callback; the host closes the service before it waits for its workers, so the worker is
// released by its callback running (not left waiting forever), and a later request is refused.
TEST(MainThreadService, AWorkerWaitingForItsCallbackAtExitIsReleasedByClose) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks();
  std::promise<void> requested;
  std::thread::id ran_on{};
  int late = 0;
  std::thread worker([&] {
    std::promise<std::thread::id> done;
    auto result = done.get_future();
    int accepted = plugin->request(&fulfil, &done);
    requested.set_value();
    if (accepted != 0) return;  // close() then runs nothing: the test fails below
    ran_on = result.get();  // would wait forever if the accepted callback were dropped
    std::promise<std::thread::id> after;
    late = plugin->request(&fulfil, &after);
  });
  requested.get_future().get();
  EXPECT_EQ(service.close(), 1u);  // the main loop never turned
  worker.join();
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  EXPECT_EQ(late, -1);
}

TEST(MainThreadService, DestroyingTheServiceOrAPluginsEndRunsWhatIsLeft) {
  MainLoop loop;
  Record record;
  std::unique_ptr<MainThreadService::PluginCallbacks> outlives;
  {
    MainThreadService service(loop.poster());
    auto plugin = service.plugin_callbacks();
    ASSERT_EQ(request(*plugin, record, 7), 0);
    plugin.reset();  // a plugin's end going (at unload) runs its own
    EXPECT_EQ(record.order, (std::vector<int>{7}));
    outlives = service.plugin_callbacks();
    ASSERT_EQ(request(*outlives, record, 8), 0);
  }  // the service goes first: it runs what is left
  EXPECT_EQ(record.order, (std::vector<int>{7, 8}));
  outlives.reset();
  loop.drain();
  EXPECT_EQ(record.order, (std::vector<int>{7, 8}));
}

namespace {
void throws(void*) { throw std::runtime_error("a C++ plugin forgot to catch"); }
}  // namespace

// A C++ exception must not leave a C callback; when one does, the host stays up and goes on.
TEST(MainThreadService, ACallbackThatThrowsDoesNotStopTheOthers) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  auto plugin = service.plugin_callbacks("thrower");
  Record record;
  ASSERT_EQ(plugin->request(&throws, nullptr), 0);
  ASSERT_EQ(request(*plugin, record, 1), 0);
  ASSERT_TRUE(loop.run_until([&] { return record.order.size() == 1; }));  // through the main loop
  ASSERT_EQ(plugin->request(&throws, nullptr), 0);
  ASSERT_EQ(request(*plugin, record, 2), 0);
  EXPECT_EQ(plugin->close(), 2u);  // through close: the throw is caught there too
  EXPECT_EQ(record.order, (std::vector<int>{1, 2}));
}

TEST(MainThreadService, TellsWhetherTheCallerIsOnTheMainThread) {
  MainLoop loop;
  const std::thread::id main = std::this_thread::get_id();
  MainThreadService service(loop.poster(), [main] { return std::this_thread::get_id() == main; });
  auto plugin = service.plugin_callbacks();
  EXPECT_EQ(plugin->on_main_thread(), 1);
  int elsewhere = 2;
  std::thread([&] { elsewhere = plugin->on_main_thread(); }).join();
  EXPECT_EQ(elsewhere, 0);
}

TEST(MainThreadService, CannotTellWithoutAWayToKnowTheMainThread) {
  MainLoop loop;
  MainThreadService service(loop.poster());
  EXPECT_EQ(service.plugin_callbacks()->on_main_thread(), -1);
}
