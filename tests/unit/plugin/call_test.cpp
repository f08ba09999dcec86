// The completion handle: exactly once, from any thread, results validated, state kept alive
// for a plugin that completes after the host dropped its reference.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "plugin/call.hpp"

using namespace warden::plugin;

TEST(Call, RequestCarriesTheDataAndTheHandle) {
  CallRequest r;
  r.command = "echo";
  r.args_json = R"({"value":"x"})";
  r.body = std::string("\x01\x02\x03", 3);
  r.caller = {"settings", "settings-view", "https://tauri.app"};
  PendingCall call("demo", r);
  const warden_request* req = call.request();
  EXPECT_EQ(req->struct_size, sizeof(warden_request));
  EXPECT_STREQ(req->command, "echo");
  EXPECT_EQ(std::string(req->args_json, req->args_json_size), r.args_json);
  ASSERT_EQ(req->body_size, 3u);
  EXPECT_EQ(req->body[2], 3);
  EXPECT_STREQ(req->caller->window, "settings");
  EXPECT_STREQ(req->caller->origin, "https://tauri.app");
  EXPECT_EQ(req->call, call.handle());
  CallRequest no_body;
  PendingCall other("demo", no_body);
  EXPECT_EQ(other.request()->body, nullptr);
  // Complete both: an uncompleted call keeps its state alive (the plugin still owes it).
  call.complete(CallResult::from_json("null"));
  other.complete(CallResult::from_json("null"));
}

TEST(Call, CompletesExactlyOnce) {
  int callbacks = 0;
  std::string got;
  PendingCall call("demo", CallRequest{}, [&](CallResult r) {
    ++callbacks;
    got = std::move(r.json);
  });
  call_resolve_json(call.handle(), "[1]", 3);
  call_reject(call.handle(), "second");  // ignored: still within invoke, handle alive
  call_resolve_bytes(call.handle(), nullptr, 0);
  EXPECT_FALSE(call.complete(CallResult::from_error("host")));
  auto r = call.wait_for(std::chrono::milliseconds(0));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CallResult::Kind::json);  // the payload went to the callback
  EXPECT_EQ(got, "[1]");
  EXPECT_EQ(callbacks, 1);
}

TEST(Call, InvalidJsonBecomesAnError) {
  PendingCall call("demo", CallRequest{});
  call_resolve_json(call.handle(), "{\"a\":", 5);
  auto r = call.wait_for(std::chrono::milliseconds(0));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, CallResult::Kind::error);
  EXPECT_NE(r->error.find("invalid JSON"), std::string::npos);
}

TEST(Call, ConcurrentCompletionsHaveOneWinner) {
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> callbacks{0};
    PendingCall call("demo", CallRequest{}, [&](const CallResult&) { ++callbacks; });
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([&, i] {
        std::string j = std::to_string(i);
        call_resolve_json(call.handle(), j.data(), j.size());
      });
    for (auto& t : threads) t.join();
    EXPECT_EQ(callbacks.load(), 1);
  }
}

TEST(Call, LateCompletionAfterTheHostDroppedItsReference) {
  std::atomic<bool> got{false};
  warden_call* handle = nullptr;
  {
    PendingCall call("demo", CallRequest{}, [&](const CallResult& r) { got = r.kind == CallResult::Kind::bytes; });
    handle = call.handle();
  }  // the host is gone; the plugin still owes the completion
  const uint8_t data[] = {9};
  std::thread([&] { call_resolve_bytes(handle, data, 1); }).join();
  EXPECT_TRUE(got.load());
}

TEST(Call, WaitTimesOutWhenNotCompleted) {
  PendingCall call("demo", CallRequest{});
  EXPECT_FALSE(call.wait_for(std::chrono::milliseconds(10)));
  EXPECT_FALSE(call.completed());
  call.complete(CallResult::from_error("cancelled"));  // so the state is freed
}
