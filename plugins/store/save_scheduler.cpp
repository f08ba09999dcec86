#include "save_scheduler.hpp"

#include <algorithm>

namespace warden::store_plugin {

SaveScheduler::SaveScheduler() : thread_([queue = queue_] { run(queue); }) {}

SaveScheduler::~SaveScheduler() { stop(); }

void SaveScheduler::schedule(const void* key, std::chrono::milliseconds delay, std::function<void()> task) {
  {
    std::lock_guard lock(queue_->mutex);
    if (queue_->stopped) return;
    queue_->pending[key] = Pending{Clock::now() + delay, std::move(task)};
  }
  queue_->wake.notify_one();
}

void SaveScheduler::cancel(const void* key) {
  // The task is destroyed outside the lock: it may hold the last reference to a store.
  std::function<void()> dropped;
  std::lock_guard lock(queue_->mutex);
  auto it = queue_->pending.find(key);
  if (it == queue_->pending.end()) return;
  dropped = std::move(it->second.task);
  queue_->pending.erase(it);
}

void SaveScheduler::stop() {
  std::map<const void*, Pending> dropped;
  {
    std::lock_guard lock(queue_->mutex);
    queue_->stopped = true;
    dropped.swap(queue_->pending);
  }
  queue_->wake.notify_one();
  if (!thread_.joinable()) return;
  if (thread_.get_id() == std::this_thread::get_id()) thread_.detach();
  else thread_.join();
}

std::size_t SaveScheduler::pending() const {
  std::lock_guard lock(queue_->mutex);
  return queue_->pending.size();
}

void SaveScheduler::run(const std::shared_ptr<Queue>& queue) {
  std::unique_lock lock(queue->mutex);
  while (!queue->stopped) {
    if (queue->pending.empty()) {
      queue->wake.wait(lock);
      continue;
    }
    auto next = std::min_element(queue->pending.begin(), queue->pending.end(),
                                 [](const auto& a, const auto& b) { return a.second.due < b.second.due; });
    if (next->second.due > Clock::now()) {
      // A copy: while waiting the lock is released and cancel() may erase the entry.
      const auto due = next->second.due;
      queue->wake.wait_until(lock, due);
      continue;
    }
    std::function<void()> task = std::move(next->second.task);
    queue->pending.erase(next);
    // The save runs unlocked: changes meanwhile schedule the next one.
    lock.unlock();
    task();
    task = nullptr;  // may drop a store, and with it this scheduler: not under the lock
    lock.lock();
  }
}

}  // namespace warden::store_plugin
