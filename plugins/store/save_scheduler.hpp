#pragma once
// Debounced saves (the autoSave option): one thread runs each store's save once no change has
// come for the store's delay. A new change before the deadline moves the deadline.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace warden::store_plugin {

class SaveScheduler {
 public:
  using Clock = std::chrono::steady_clock;

  SaveScheduler();
  // stop(). May run on the scheduler's own thread (a task dropped the last reference to a store
  // that held the last reference to its scheduler): the thread then finishes on its own.
  ~SaveScheduler();
  SaveScheduler(const SaveScheduler&) = delete;
  SaveScheduler& operator=(const SaveScheduler&) = delete;

  // Runs `task` `delay` from now, replacing what was pending for `key`. Ignored once stopped.
  void schedule(const void* key, std::chrono::milliseconds delay, std::function<void()> task);
  void cancel(const void* key);
  // Ends the thread; pending tasks are dropped (the owner saves what is unsaved itself).
  void stop();
  std::size_t pending() const;

 private:
  struct Pending {
    Clock::time_point due;
    std::function<void()> task;
  };
  // What the thread uses; it keeps its own reference, so it may outlive this object.
  struct Queue {
    std::mutex mutex;
    std::condition_variable wake;
    std::map<const void*, Pending> pending;
    bool stopped = false;
  };
  static void run(const std::shared_ptr<Queue>& queue);

  std::shared_ptr<Queue> queue_ = std::make_shared<Queue>();
  std::thread thread_;
};

}  // namespace warden::store_plugin
