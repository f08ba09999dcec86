#include "plugin/main_thread_service.hpp"

#include <cstdint>
#include <deque>
#include <mutex>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "plugin/host_services.hpp"
#include "warden/ext/main_thread.h"

namespace warden::plugin {

struct MainThreadService::PluginCallbacks::Owner {
  std::string plugin;   // for the log
  bool closed = false;  // guarded by State::mutex
};

namespace {
struct Accepted {
  std::shared_ptr<MainThreadService::PluginCallbacks::Owner> owner;
  MainThreadCallback callback;
  void* data;
  std::uint64_t serial;
};
}  // namespace

struct MainThreadService::State {
  State(PostToMainThread p, std::function<bool()> main) : post(std::move(p)), on_main_thread(std::move(main)) {}
  const PostToMainThread post;
  const std::function<bool()> on_main_thread;  // empty: cannot tell
  std::mutex mutex;
  // Every plugin's accepted callbacks not yet run, oldest first. Each one posted one task to the
  // main loop; a task runs the oldest callback left, so the order is that of acceptance even when
  // two threads post their tasks in the other order.
  std::deque<Accepted> accepted;
  std::uint64_t next_serial = 0;
  bool closed = false;
};

namespace {

// A plugin's callback is C: a C++ exception leaving it is the plugin's bug, not the host's end.
void run(const Accepted& a) {
  try {
    a.callback(a.data);
  } catch (...) {
    spdlog::error("[plugin {}] a main-thread callback threw a C++ exception across the C ABI", a.owner->plugin);
  }
}

void run_oldest(MainThreadService::State& state) {
  Accepted next;
  {
    std::lock_guard lock(state.mutex);
    if (state.accepted.empty()) return;  // already run by a close()
    next = std::move(state.accepted.front());
    state.accepted.pop_front();
  }
  run(next);  // unlocked: the callback may request another one
}

// Takes out the accepted callbacks `pick` selects, in order; the caller runs them unlocked.
template <class Pick>
std::vector<Accepted> take(MainThreadService::State& state, Pick pick) {
  std::vector<Accepted> out;
  std::lock_guard lock(state.mutex);
  for (auto it = state.accepted.begin(); it != state.accepted.end();) {
    if (pick(*it)) {
      out.push_back(std::move(*it));
      it = state.accepted.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

}  // namespace

MainThreadService::MainThreadService(PostToMainThread post, std::function<bool()> on_main_thread)
    : state_(std::make_shared<State>(std::move(post), std::move(on_main_thread))) {}

MainThreadService::~MainThreadService() { close(); }

std::unique_ptr<MainThreadService::PluginCallbacks> MainThreadService::plugin_callbacks(std::string plugin) {
  auto owner = std::make_shared<PluginCallbacks::Owner>();
  owner->plugin = std::move(plugin);
  return std::make_unique<PluginCallbacks>(state_, std::move(owner));
}

std::size_t MainThreadService::close() {
  {
    std::lock_guard lock(state_->mutex);
    state_->closed = true;
  }
  std::vector<Accepted> left = take(*state_, [](const Accepted&) { return true; });
  if (!left.empty()) spdlog::info("main thread: running {} plugin callback(s) accepted before shutdown", left.size());
  for (const Accepted& a : left) run(a);
  return left.size();
}

MainThreadService::PluginCallbacks::PluginCallbacks(std::shared_ptr<State> state, std::shared_ptr<Owner> owner)
    : state_(std::move(state)), owner_(std::move(owner)) {}

MainThreadService::PluginCallbacks::~PluginCallbacks() { close(); }

int MainThreadService::PluginCallbacks::request(MainThreadCallback callback, void* data) {
  if (!callback) return -1;
  std::uint64_t serial;
  {
    std::lock_guard lock(state_->mutex);
    if (state_->closed || owner_->closed) return -1;
    serial = state_->next_serial++;
    state_->accepted.push_back(Accepted{owner_, callback, data, serial});
  }
  try {
    state_->post([state = state_] { run_oldest(*state); });
    return 0;
  } catch (...) {
    // Not posted (out of memory): take it back unless a close() already ran it.
    bool taken_back = !take(*state_, [serial](const Accepted& a) { return a.serial == serial; }).empty();
    return taken_back ? -1 : 0;
  }
}

int MainThreadService::PluginCallbacks::on_main_thread() const {
  if (!state_->on_main_thread) return -1;
  return state_->on_main_thread() ? 1 : 0;
}

std::size_t MainThreadService::PluginCallbacks::close() {
  {
    std::lock_guard lock(state_->mutex);
    owner_->closed = true;
  }
  std::vector<Accepted> left = take(*state_, [this](const Accepted& a) { return a.owner == owner_; });
  for (const Accepted& a : left) run(a);
  return left.size();
}

namespace {
// [any-thread] The plugin is found through its host; without a main loop (no service) it is -1.
int request_callback(const warden_host* host, void (*callback)(void* data), void* data) {
  const HostServices* services = HostServices::from(host);
  MainThreadService::PluginCallbacks* callbacks = services ? services->main_thread_callbacks() : nullptr;
  return callbacks ? callbacks->request(callback, data) : -1;
}

// [any-thread] -1 without a main loop, as request_callback refuses there.
int is_main_thread(const warden_host* host) {
  const HostServices* services = HostServices::from(host);
  MainThreadService::PluginCallbacks* callbacks = services ? services->main_thread_callbacks() : nullptr;
  return callbacks ? callbacks->on_main_thread() : -1;
}
}  // namespace

const void* main_thread_extension() {
  static const warden_host_main_thread vtable{sizeof(warden_host_main_thread), &request_callback, &is_main_thread};
  return &vtable;
}

}  // namespace warden::plugin
