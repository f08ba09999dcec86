// The main-thread probe's real .so, loaded by the host's real loader (PluginLibrary) with the
// host's real main-thread service on its real main-thread queue and a GLib main context that the
// test iterates as the UI thread would. Covers what `warden run` relies on: a blocking command's
// function runs on the main thread; at a plugin's unload, and at the host's exit, every accepted
// callback runs before the plugin's shutdown and later requests are refused.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <glib.h>
#include <gtest/gtest.h>

#include "plugin/main_thread_service.hpp"
#include "plugin/plugin_library.hpp"
#include "runtime/main_thread_queue.hpp"

using namespace warden::plugin;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

class ProbeHost : public ::testing::Test {
 protected:
  ProbeHost() : context_(g_main_context_new()), queue_(std::make_unique<warden::runtime::MainThreadQueue>(context_)) {
    service_ = std::make_shared<MainThreadService>(
        [q = queue_.get()](std::function<void()> task) { q->post(std::move(task)); });
    report_ = fs::path(::testing::TempDir()) /
              ("main-thread-probe-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json");
    fs::remove(report_);
  }
  ~ProbeHost() override {
    library_.reset();
    service_.reset();
    queue_.reset();
    g_main_context_unref(context_);
    fs::remove(report_);
  }

  void load() {
    HostOptions options;
    options.main_thread = service_;
    json::object config{{"report", report_.string()}};
    library_ = PluginLibrary::load(WARDEN_MAIN_THREAD_PROBE, json::serialize(config), options);
  }
  // Runs a command on this thread (a quick command, as the host's main thread would).
  json::value run(const std::string& command, const std::string& args = "{}") {
    CallRequest request;
    request.command = command;
    request.args_json = args;
    auto result = library_->invoke(std::move(request)).wait_for(0ms);
    if (!result) return "pending";
    if (result->kind != CallResult::Kind::json) return json::value("error: " + result->error);
    return json::parse(result->json);
  }
  // Runs a blocking command on a worker thread while this thread turns the main loop until the
  // command completes.
  json::value run_on_worker(const std::string& command) {
    std::optional<CallResult> result;
    std::atomic<bool> done = false;
    std::thread worker([&] {
      CallRequest request;
      request.command = command;
      result = library_->invoke(std::move(request)).wait_for(60s);
      done = true;
    });
    turn_until([&] { return done.load(); });
    worker.join();
    if (!result) return "pending";
    if (result->kind != CallResult::Kind::json) return json::value("error: " + result->error);
    return json::parse(result->json);
  }
  template <class F>
  void turn_until(F done) {
    auto end = std::chrono::steady_clock::now() + 60s;  // a hang guard, not a measurement
    while (!done() && std::chrono::steady_clock::now() < end) {
      g_main_context_iteration(context_, FALSE);
      std::this_thread::yield();
    }
  }
  json::object report() {
    std::ifstream in(report_);
    EXPECT_TRUE(in) << "the probe wrote no shutdown report at " << report_;
    std::string text((std::istreambuf_iterator<char>(in)), {});
    return json::parse(text).as_object();
  }

  GMainContext* context_;
  std::unique_ptr<warden::runtime::MainThreadQueue> queue_;
  std::shared_ptr<MainThreadService> service_;
  std::unique_ptr<PluginLibrary> library_;
  fs::path report_;
};

}  // namespace

TEST_F(ProbeHost, ABlockingCommandsFunctionRunsOnTheMainThread) {
  load();
  json::value r = run_on_worker("where");
  ASSERT_TRUE(r.is_object()) << r;
  EXPECT_EQ(r.at("init_thread"), true) << "the function did not run on the thread that ran init: " << r;
  EXPECT_EQ(r.at("worker").at("init_thread"), false) << "the command itself ran on the main thread: " << r;
}

TEST_F(ProbeHost, AtUnloadEveryAcceptedCallbackRunsBeforeShutdownAndShutdownsRequestIsRefused) {
  load();
  EXPECT_EQ(run("queue", R"({"count":5})").at("accepted"), 5);
  EXPECT_EQ(run("stats").at("ran"), 0) << "a callback ran before the main loop turned";
  library_.reset();  // the main loop never turned: the unload itself must run them
  json::object r = report();
  EXPECT_EQ(r.at("accepted"), 5) << r;
  EXPECT_EQ(r.at("ran"), 5) << "accepted callbacks were dropped: " << r;
  EXPECT_EQ(r.at("off_main_thread"), 0) << r;
  EXPECT_EQ(r.at("request_in_shutdown"), -1) << r;
  EXPECT_EQ(r.at("shutdown_on_init_thread"), true) << r;
}

// `warden run`'s exit: the main loop has ended with a worker (a blocking command) waiting for the
// main thread; the host closes the service before it waits for its workers and unloads plugins.
TEST_F(ProbeHost, AtTheHostsExitAWaitingWorkerIsReleasedAndTheQueuedCallbacksRun) {
  load();
  std::optional<CallResult> held;
  std::thread worker([&] {
    CallRequest request;
    request.command = "hold";
    held = library_->invoke(std::move(request)).wait_for(60s);
  });
  turn_until([&] { return run("stats").at("hold_rounds").as_int64() >= 1; });
  EXPECT_EQ(run("queue", R"({"count":3})").at("accepted"), 3);
  service_->close();  // the main loop does not turn again
  worker.join();
  ASSERT_TRUE(held.has_value()) << "the worker was still waiting for the main thread";
  ASSERT_EQ(held->kind, CallResult::Kind::json) << held->error;
  EXPECT_EQ(json::parse(held->json).at("ended_by"), "refused");
  EXPECT_EQ(run("queue", R"({"count":1})").at("accepted"), 0) << "a request after the host's close was accepted";
  library_.reset();
  json::object r = report();
  EXPECT_EQ(r.at("ran"), r.at("accepted")) << r;
  EXPECT_EQ(r.at("hold_refused"), true) << r;
  EXPECT_EQ(r.at("request_in_shutdown"), -1) << r;
}

// A host without a main loop (`warden plugin call` hands plugins no service) refuses, and the
// helper turns that into the call's error instead of a worker waiting forever.
TEST_F(ProbeHost, WithoutAMainLoopRequestsAreRefusedAndTheCommandFailsClearly) {
  library_ = PluginLibrary::load(WARDEN_MAIN_THREAD_PROBE, "{}", HostOptions{});
  json::value r = run_on_worker("where");
  ASSERT_TRUE(r.is_string()) << r;
  EXPECT_NE(std::string(r.as_string()).find("refused"), std::string::npos) << r;
  EXPECT_EQ(run("stats").at("ran"), 0);
}
