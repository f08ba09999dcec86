// The SDK's C++ helper (warden/main_thread.hpp) on a host vtable made here: one whose
// get_extension returns NULL (the helper says so clearly, and the probe plugin, loaded from its
// real .so, loads and keeps working without it), one whose extension is too old to use, and one
// whose request_callback queues the callbacks for the test to run as the main thread would
// (or refuses them, as a host shutting down does).
#define WARDEN_PLUGIN_NAME "main-thread-helper-test"
#define WARDEN_PLUGIN_VERSION "0.0.0"
#include <warden/main_thread.hpp>

#include <dlfcn.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <chrono>
#include <future>
#include <vector>

#include <gtest/gtest.h>

namespace {

// A host made by the test. host_data points back here.
class TestHost {
 public:
  enum class Extension { absent, too_short, present };

  explicit TestHost(Extension ext) : ext_(ext) {
    std::memset(&host_, 0, sizeof host_);
    host_.struct_size = sizeof(warden_host);
    host_.abi_version = WARDEN_ABI_VERSION;
    host_.host_data = this;
    host_.host_name = "test-host";
    host_.host_version = "1.2.3";
    host_.sdk_version = WARDEN_SDK_VERSION;
    host_.log = &TestHost::log;
    host_.free_string = [](const warden_host*, char* s) { std::free(s); };
    host_.resolve_json = &TestHost::resolve_json;
    host_.resolve_bytes = [](warden_call* c, const uint8_t*, size_t) { outcome(c) = "bytes"; };
    host_.reject = [](warden_call* c, const char* m) { outcome(c) = std::string("rejected: ") + m; };
    host_.reject_scope = [](warden_call* c, const char* m) { outcome(c) = std::string("refused by scope: ") + m; };
    host_.get_extension = &TestHost::get_extension;
    main_thread_.struct_size = ext == Extension::too_short ? sizeof(uint32_t) : sizeof(main_thread_);
    main_thread_.request_callback = &TestHost::request_callback;
  }
  const warden_host* get() const { return &host_; }

  // Answer is_main_thread: the thread `id` is the main thread.
  void declare_main_thread(std::thread::id id) {
    main_id_ = id;
    main_thread_.is_main_thread = [](const warden_host* h) { return std::this_thread::get_id() == self(h).main_id_ ? 1 : 0; };
  }
  // Refuse every request from now on, as a host shutting down does.
  void refuse() {
    std::lock_guard lock(mutex_);
    refusing_ = true;
  }
  // Waits until `n` callbacks are queued, then runs them here (the test thread plays the main thread).
  void run_when_queued(size_t n) {
    std::vector<std::pair<void (*)(void*), void*>> batch;
    {
      std::unique_lock lock(mutex_);
      queued_changed_.wait(lock, [&] { return queue_.size() >= n; });
      batch.assign(queue_.begin(), queue_.end());
      queue_.clear();
    }
    for (auto [callback, data] : batch) callback(data);
  }
  size_t queued() {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }
  std::vector<std::string> logs() {
    std::lock_guard lock(mutex_);
    return logs_;
  }
  // A call's completion: its outcome is written into the std::string the handle points to.
  static warden_call* call_of(std::string& outcome) { return reinterpret_cast<warden_call*>(&outcome); }

 private:
  static TestHost& self(const warden_host* h) { return *static_cast<TestHost*>(h->host_data); }
  static std::string& outcome(warden_call* c) { return *reinterpret_cast<std::string*>(c); }
  static void log(const warden_host* h, warden_log_level, const char* message) {
    std::lock_guard lock(self(h).mutex_);
    self(h).logs_.emplace_back(message);
  }
  static void resolve_json(warden_call* c, const char* json, size_t size) { outcome(c) = std::string(json, size); }
  static const void* get_extension(const warden_host* h, const char* id) {
    if (self(h).ext_ == Extension::absent || std::strcmp(id, WARDEN_EXT_MAIN_THREAD) != 0) return nullptr;
    return &self(h).main_thread_;
  }
  static int request_callback(const warden_host* h, void (*callback)(void*), void* data) {
    TestHost& t = self(h);
    {
      std::lock_guard lock(t.mutex_);
      if (t.refusing_ || !callback) return -1;
      t.queue_.emplace_back(callback, data);
    }
    t.queued_changed_.notify_all();
    return 0;
  }

  Extension ext_;
  warden_host host_;
  warden_host_main_thread main_thread_{};
  std::mutex mutex_;
  std::condition_variable queued_changed_;
  std::deque<std::pair<void (*)(void*), void*>> queue_;
  bool refusing_ = false;
  std::vector<std::string> logs_;
  std::thread::id main_id_;
};

}  // namespace

TEST(MainThreadHelper, AHostWithoutTheExtensionIsReportedClearly) {
  TestHost host(TestHost::Extension::absent);
  warden::Host h(host.get());
  EXPECT_FALSE(warden::MainThread::find(h).has_value());
  try {
    warden::MainThread mt(h);
    FAIL() << "MainThread was made without the extension";
  } catch (const warden::MainThreadMissing& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("warden.main-thread/1"), std::string::npos) << what;
    EXPECT_NE(what.find("test-host 1.2.3"), std::string::npos) << what;
  }
  // The same error is a warden::MissingExtension, the one every wrapper throws for an absent extension.
  EXPECT_THROW(warden::run_on_main_thread(h, [] { return 1; }), warden::MissingExtension);
  EXPECT_FALSE(warden::MainThread::find(static_cast<const warden_host*>(nullptr)).has_value());
}

TEST(MainThreadHelper, AnExtensionTooShortToHoldRequestCallbackCountsAsAbsent) {
  TestHost host(TestHost::Extension::too_short);
  EXPECT_FALSE(warden::MainThread::find(warden::Host(host.get())).has_value());
}

TEST(MainThreadHelper, PostRunsTheFunctionWhenTheHostRunsTheCallback) {
  TestHost host(TestHost::Extension::present);
  auto mt = warden::MainThread::find(warden::Host(host.get()));
  ASSERT_TRUE(mt.has_value());
  int ran = 0;
  ASSERT_TRUE(mt->post([&] { ++ran; }));
  EXPECT_EQ(ran, 0);
  host.run_when_queued(1);
  EXPECT_EQ(ran, 1);
}

TEST(MainThreadHelper, ARefusedPostDestroysTheFunctionUnrunAndRunAndCallThrowRefused) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  host.refuse();
  auto token = std::make_shared<int>(0);
  std::weak_ptr<int> alive = token;
  bool ran = false;
  EXPECT_FALSE(mt.post([token = std::move(token), &ran] { ran = true; }));
  EXPECT_TRUE(alive.expired()) << "the refused function (and what it holds) was not released";
  EXPECT_FALSE(ran);
  EXPECT_THROW(mt.run([] { return 1; }), warden::MainThreadRefused);
  std::thread worker([&] { EXPECT_THROW(mt.call([] { return 1; }), warden::MainThreadRefused); });
  worker.join();
  EXPECT_EQ(host.queued(), 0u);
}

TEST(MainThreadHelper, RunGivesTheResultOrTheExceptionThroughTheFuture) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  auto value = mt.run([] { return std::string("on the main thread"); });
  auto failure = mt.run([]() -> int { throw std::runtime_error("GTK said no"); });
  host.run_when_queued(2);
  EXPECT_EQ(value.get(), "on the main thread");
  try {
    failure.get();
    FAIL() << "the exception was lost";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "GTK said no");
  }
}

TEST(MainThreadHelper, CallFromAWorkerWaitsForTheMainThreadAndRethrowsThere) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  std::thread::id main_id = std::this_thread::get_id(), ran_on{};
  std::string error;
  std::thread worker([&] {
    ran_on = mt.call([] { return std::this_thread::get_id(); });
    try {
      mt.call([] { throw std::invalid_argument("bad"); });
    } catch (const std::invalid_argument& e) {
      error = e.what();
    }
  });
  host.run_when_queued(1);
  host.run_when_queued(1);
  worker.join();
  EXPECT_EQ(ran_on, main_id);
  EXPECT_EQ(error, "bad");
}

TEST(MainThreadHelper, CallInsideACallbackRunsAtOnceInsteadOfWaitingForItself) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  int inner = 0;
  ASSERT_TRUE(mt.post([&] {
    EXPECT_TRUE(warden::MainThread::on_main_thread());
    inner = mt.call([] { return 42; });  // would deadlock if it queued and waited
  }));
  host.run_when_queued(1);
  EXPECT_EQ(inner, 42);
  EXPECT_EQ(host.queued(), 0u);
}

TEST(MainThreadHelper, AnExceptionFromAPostedFunctionGoesToTheHostLogNotAcrossTheABI) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  ASSERT_TRUE(mt.post([] { throw std::runtime_error("no display"); }));
  host.run_when_queued(1);  // returns: nothing escaped the C callback
  auto logs = host.logs();
  ASSERT_EQ(logs.size(), 1u);
  EXPECT_NE(logs[0].find("no display"), std::string::npos) << logs[0];
}

namespace {

// The probe plugin's real .so, loaded here with dlopen and driven through its C descriptor.
class ProbeLibrary {
 public:
  explicit ProbeLibrary(const warden_host* host) : host_(host) {
    handle_ = dlopen(WARDEN_MAIN_THREAD_PROBE, RTLD_NOW | RTLD_LOCAL);
    if (!handle_) throw std::runtime_error(dlerror());
    auto entry = reinterpret_cast<warden_plugin_entry_fn>(dlsym(handle_, WARDEN_PLUGIN_ENTRY_SYMBOL));
    if (!entry || !(plugin_ = entry(WARDEN_ABI_VERSION))) throw std::runtime_error("no plugin descriptor");
  }
  ~ProbeLibrary() {
    if (initialised_ && plugin_->shutdown) plugin_->shutdown(state_);
    dlclose(handle_);
  }
  std::string init(const char* config) {
    char error[512] = "";
    initialised_ = plugin_->init(host_, config, &state_, error, sizeof error) == WARDEN_OK;
    return initialised_ ? "" : error;
  }
  std::string run(const char* command, const char* args = "{}") {
    for (size_t i = 0; i < plugin_->command_count; ++i) {
      const warden_command* c = plugin_->commands[i];
      if (std::strcmp(c->name, command) != 0) continue;
      std::string outcome;
      warden_caller caller{sizeof(warden_caller), "main", "main", "app://localhost"};
      warden_request request{};
      request.struct_size = sizeof request;
      request.command = command;
      request.args_json = args;
      request.args_json_size = std::strlen(args);
      request.scopes_json = R"({"command":null,"global":null})";
      request.caller = &caller;
      request.call = TestHost::call_of(outcome);
      c->invoke(state_, &request);
      return outcome;
    }
    return "no such command";
  }

 private:
  const warden_host* host_;
  void* handle_ = nullptr;
  const warden_plugin* plugin_ = nullptr;
  void* state_ = nullptr;
  bool initialised_ = false;
};

}  // namespace

// A plugin whose main-thread commands are optional keeps loading and working on a host without
// the extension; the commands that need it fail with the helper's message, naming it.
TEST(MainThreadHelper, TheProbeLoadsAndWorksWithoutTheExtension) {
  TestHost host(TestHost::Extension::absent);
  ProbeLibrary probe(host.get());
  EXPECT_EQ(probe.init("{}"), "");
  EXPECT_EQ(probe.run("stats"), R"({"accepted":0,"ran":0,"refused":0,"off_main_thread":0,"hold_rounds":0})");
  std::string theme = probe.run("theme");
  EXPECT_EQ(theme.rfind("rejected: ", 0), 0u) << theme;
  EXPECT_NE(theme.find("warden.main-thread/1"), std::string::npos) << theme;
  EXPECT_NE(probe.run("theme_quick").find("warden.main-thread/1"), std::string::npos);
  EXPECT_NE(probe.run("queue", R"({"count":1})").find("warden.main-thread/1"), std::string::npos);
  bool warned = false;
  for (const auto& line : host.logs()) warned = warned || line.find("no warden.main-thread/1") != std::string::npos;
  EXPECT_TRUE(warned) << "the probe did not say at init that it works without the extension";
}

TEST(MainThreadHelper, CallOnTheMainThreadTheHostNamesRunsAtOnceBeforeAnyCallbackRan) {
  TestHost host(TestHost::Extension::present);
  warden::MainThread mt{warden::Host(host.get())};
  std::promise<std::thread::id> main_id;
  std::promise<void> declared;
  std::promise<int> answer;
  // A thread that never ran a callback: only the host's is_main_thread can tell it is the main one.
  std::thread main([&] {
    main_id.set_value(std::this_thread::get_id());
    declared.get_future().wait();
    answer.set_value(mt.call([] { return 7; }));
  });
  host.declare_main_thread(main_id.get_future().get());
  declared.set_value();
  auto result = answer.get_future();
  bool at_once = result.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  if (!at_once) host.run_when_queued(1);  // release the thread that queued and waited for itself
  main.join();
  EXPECT_TRUE(at_once) << "call() on the main thread queued a callback and waited for itself";
  EXPECT_EQ(result.get(), 7);
  EXPECT_EQ(host.queued(), 0u);
}
