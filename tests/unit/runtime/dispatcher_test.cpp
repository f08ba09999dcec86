#include "runtime/dispatcher.hpp"

#include <chrono>
#include <thread>

#include <glib.h>
#include <gtest/gtest.h>

#include "runtime/channel.hpp"
#include "runtime/event_bus.hpp"

using namespace warden::runtime;
namespace ipc = warden::ipc;
using namespace std::chrono_literals;

namespace {

// A private GLib main context, iterated by the test as the UI thread would.
class MainContext {
 public:
  MainContext() : context_(g_main_context_new()) {}
  ~MainContext() { g_main_context_unref(context_); }
  GMainContext* get() const { return context_; }
  // Iterates until `done()` or the timeout; false on timeout.
  template <class F>
  bool run_until(F done, std::chrono::milliseconds timeout = 5s) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > end) return false;
      g_main_context_iteration(context_, FALSE);
      std::this_thread::sleep_for(1ms);
    }
    return true;
  }

 private:
  GMainContext* context_;
};

ipc::InvokeRequest request(std::string command, std::string args = "{}") {
  ipc::InvokeRequest r;
  r.command = std::move(command);
  r.args_json = std::move(args);
  return r;
}

Caller main_caller() { return {"main", "main", "app://localhost", "app://localhost/"}; }

std::string body(const ipc::InvokeResponse& r) { return {r.body.begin(), r.body.end()}; }

struct Fixture {
  MainContext main;
  MainThreadQueue queue{main.get()};
  CommandTable commands;
  std::vector<std::string> checked;  // commands the access check saw
  AccessCheck access = [this](std::string_view command, const Caller& caller) {
    checked.emplace_back(command);
    if (command == "secret" || caller.origin != "app://localhost") return AccessDecision{false, {}, "no grant"};
    return AccessDecision{true, R"({"command":null,"global":null})", {}};
  };
};

}  // namespace

TEST(MainThreadQueue, RunsTasksFromOtherThreadsOnTheMainContextInOrder) {
  MainContext main;
  MainThreadQueue queue(main.get());
  std::vector<int> seen;
  std::thread::id main_thread = std::this_thread::get_id();
  bool on_main = true;
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i)
      queue.post([&, i] {
        on_main = on_main && std::this_thread::get_id() == main_thread;
        seen.push_back(i);
      });
  });
  producer.join();
  ASSERT_TRUE(main.run_until([&] { return seen.size() == 1000; }));
  EXPECT_TRUE(on_main);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(seen[i], i);
}

TEST(Dispatcher, AllowedDeniedUnknownAndFailing) {
  Fixture f;
  f.commands.add("greet", {[](Invocation& c) { c.completion->resolve_json(R"("hi")"); }, false});
  f.commands.add("secret", {[](Invocation& c) { c.completion->resolve_json("1"); }, false});
  f.commands.add("throws", {[](Invocation&) { throw std::runtime_error("boom"); }, false});
  f.commands.add("forgets", {[](Invocation&) {}, true});
  BlockingPool pool;
  Dispatcher d(f.access, f.commands, pool, f.queue);
  std::map<std::string, ipc::InvokeResponse> got;
  std::map<std::string, int> count;
  for (auto name : {"greet", "secret", "nope", "throws", "forgets"})
    d.dispatch(request(name), main_caller(), [&, n = std::string(name)](ipc::InvokeResponse r) {
      got[n] = std::move(r);
      ++count[n];
    });
  ASSERT_TRUE(f.main.run_until([&] { return got.size() == 5; }));
  EXPECT_EQ(got["greet"].status, 200);
  EXPECT_EQ(body(got["greet"]), R"("hi")");
  EXPECT_EQ(got["secret"].status, 403);
  EXPECT_TRUE(body(got["secret"]).starts_with("\"not allowed")) << body(got["secret"]);
  EXPECT_EQ(got["nope"].status, 404);
  EXPECT_EQ(got["throws"].status, 500);
  EXPECT_EQ(got["forgets"].status, 500);  // a dropped call is rejected, never left pending
  // Give any stray second completion time to arrive: each call settles exactly once.
  f.main.run_until([] { return false; }, 100ms);
  for (auto& [name, n] : count) EXPECT_EQ(n, 1) << name;
}

TEST(Dispatcher, SecondCompletionIsIgnored) {
  Fixture f;
  f.commands.add("twice", {[](Invocation& c) {
                             c.completion->resolve_json("1");
                             EXPECT_FALSE(c.completion->resolve_json("2"));
                             EXPECT_FALSE(c.completion->reject("late"));
                           },
                           false});
  BlockingPool pool;
  Dispatcher d(f.access, f.commands, pool, f.queue);
  int calls = 0;
  std::string value;
  d.dispatch(request("twice"), main_caller(), [&](ipc::InvokeResponse r) { ++calls; value = body(r); });
  ASSERT_TRUE(f.main.run_until([&] { return calls == 1; }));
  f.main.run_until([] { return false; }, 100ms);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(value, "1");
}

TEST(Dispatcher, BlockingCommandsRunConcurrentlyOffTheMainThread) {
  Fixture f;
  f.commands.add("slow", {[](Invocation& c) {
                            std::this_thread::sleep_for(300ms);
                            c.completion->resolve_json("null");
                          },
                          true});
  f.commands.add("fast", {[](Invocation& c) { c.completion->resolve_json("null"); }, false});
  BlockingPool pool({4, 4});  // one webview may use all four threads here
  Dispatcher d(f.access, f.commands, pool, f.queue);
  int slow_done = 0, fast_done = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) d.dispatch(request("slow"), main_caller(), [&](ipc::InvokeResponse) { ++slow_done; });
  for (int i = 0; i < 100; ++i) d.dispatch(request("fast"), main_caller(), [&](ipc::InvokeResponse) { ++fast_done; });
  ASSERT_TRUE(f.main.run_until([&] { return fast_done == 100; }));
  EXPECT_EQ(slow_done, 0);  // the fast calls did not wait behind the slow ones
  ASSERT_TRUE(f.main.run_until([&] { return slow_done == 4; }));
  // 4 threads: 4 slow calls overlap instead of taking 4 x 300 ms.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1000ms);
}

TEST(Dispatcher, TheCallerComesFromTheHost) {
  Fixture f;
  Caller seen;
  f.commands.add("who", {[&](Invocation& c) { seen = c.caller; c.completion->resolve_json("null"); }, false});
  BlockingPool pool;
  Dispatcher d(f.access, f.commands, pool, f.queue);
  int done = 0;
  d.dispatch(request("who", R"({"window":"evil","origin":"app://localhost"})"),
             {"w", "v", "https://remote.example", "https://remote.example/"},
             [&](ipc::InvokeResponse r) { ++done; EXPECT_EQ(r.status, 403); });
  d.dispatch(request("who"), main_caller(), [&](ipc::InvokeResponse) { ++done; });
  ASSERT_TRUE(f.main.run_until([&] { return done == 2; }));
  EXPECT_EQ(seen.window, "main");
  EXPECT_EQ(seen.origin, "app://localhost");
}

TEST(EventBus, DeliversToListenersAndTargets) {
  MainContext main;
  MainThreadQueue queue(main.get());
  std::vector<std::string> delivered;
  // Each delivery names the page that registered the listener: only that page may receive it.
  EventBus bus(queue, [&](const std::string& webview, uint64_t page, uint32_t cb, const std::string& data) {
    delivered.push_back(webview + "/" + std::to_string(page) + "#" + std::to_string(cb) + " " + data);
  });
  auto a = bus.listen("main", "main", 3, "tick", 7);
  bus.listen("other", "other", 1, "tick", 9);
  EXPECT_TRUE(bus.emit("tick", "1"));
  EXPECT_TRUE(bus.emit("tick", "2", std::string("other")));
  EXPECT_FALSE(bus.emit("bad name!", "3"));
  bus.unlisten("other", "tick", a);  // only its own webview may remove a listener
  bus.unlisten("main", "tick", a);
  EXPECT_TRUE(bus.emit("tick", "4"));
  ASSERT_TRUE(main.run_until([&] { return delivered.size() == 4; }));
  EXPECT_EQ(delivered[0], "main/3#7 {\"event\":\"tick\",\"id\":1,\"payload\":1}");
  EXPECT_EQ(delivered[1], "other/1#9 {\"event\":\"tick\",\"id\":2,\"payload\":1}");
  EXPECT_EQ(delivered[2], "other/1#9 {\"event\":\"tick\",\"id\":2,\"payload\":2}");
  EXPECT_EQ(delivered[3], "other/1#9 {\"event\":\"tick\",\"id\":2,\"payload\":4}");
}

TEST(Channel, ParsesReferencesAndIndexesMessages) {
  EXPECT_EQ(Channel::parse_reference("__CHANNEL__:42"), 42u);
  EXPECT_EQ(Channel::parse_reference("__CHANNEL__:"), std::nullopt);
  EXPECT_EQ(Channel::parse_reference("__CHANNEL__:4x"), std::nullopt);
  EXPECT_EQ(Channel::parse_reference("42"), std::nullopt);
  MainContext main;
  MainThreadQueue queue(main.get());
  std::vector<std::string> got;
  std::vector<uint64_t> pages;
  Channel ch(5, "main", 2, queue, [&](const std::string&, uint64_t page, uint32_t, const std::string& d) {
    pages.push_back(page);
    got.push_back(d);
  });
  ch.send("\"a\"");
  ch.send("\"b\"");
  ch.close();
  ASSERT_TRUE(main.run_until([&] { return got.size() == 3; }));
  EXPECT_EQ(got[0], R"({"index":0,"message":"a"})");
  EXPECT_EQ(got[2], R"({"index":2,"end":true})");
  EXPECT_EQ(pages, (std::vector<uint64_t>{2, 2, 2}));  // the caller's page, never whichever is shown then
}

// Quick commands run on the main thread and answer before dispatch returns: no thread hop either
// way (the round-trip cost that issue 5's benchmark measures). Blocking ones never do.
TEST(Dispatcher, QuickCommandsAnswerOnTheMainThreadWithoutAHop) {
  Fixture f;
  std::thread::id ran_on;
  f.commands.add("quick", {[&](Invocation& c) { ran_on = std::this_thread::get_id(); c.completion->resolve_json("1"); }, false});
  f.commands.add("slow", {[&](Invocation& c) { c.completion->resolve_json("2"); }, true});
  BlockingPool pool;
  Dispatcher d(f.access, f.commands, pool, f.queue);
  std::string quick, slow;
  d.dispatch(request("quick"), main_caller(), [&](ipc::InvokeResponse r) { quick = body(r); });
  EXPECT_EQ(quick, "1");  // already answered
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  d.dispatch(request("slow"), main_caller(), [&](ipc::InvokeResponse r) {
    EXPECT_TRUE(f.queue.on_main_thread());
    slow = body(r);
  });
  EXPECT_EQ(slow, "");  // on the pool: the answer comes through the queue
  ASSERT_TRUE(f.main.run_until([&] { return !slow.empty(); }));
  EXPECT_EQ(slow, "2");
}

// Something queued before a quick answer (an event the command emitted) is delivered first.
TEST(MainThreadQueue, RunOrPostKeepsOrderBehindQueuedTasks) {
  MainContext main;
  MainThreadQueue queue(main.get());
  std::vector<int> order;
  queue.run_or_post([&] { order.push_back(1); });  // nothing queued: runs now
  EXPECT_EQ(order, std::vector<int>{1});
  queue.post([&] { order.push_back(2); });
  queue.run_or_post([&] { order.push_back(3); });  // must wait behind 2
  EXPECT_EQ(order, std::vector<int>{1});
  std::thread other([&] { queue.run_or_post([&] { order.push_back(4); }); });  // not the main thread
  other.join();
  ASSERT_TRUE(main.run_until([&] { return order.size() == 4; }));
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}
