#include "transfer_threads.hpp"

namespace warden::http_plugin {

bool TransferThreads::start(const std::shared_ptr<Transfer>& transfer) {
  std::vector<std::thread> done;
  {
    std::lock_guard lock(mutex_);
    if (stopped_) return false;
    for (auto it = running_.begin(); it != running_.end();) {
      if (it->first->thread_done()) {
        done.push_back(std::move(it->second));
        it = running_.erase(it);
      } else {
        ++it;
      }
    }
    running_.emplace_back(transfer, std::thread([transfer] {
      transfer->run();
      transfer->mark_thread_done();
    }));
  }
  for (auto& t : done) t.join();  // their threads have ended: returns at once
  return true;
}

void TransferThreads::stop_all() {
  std::vector<std::pair<std::shared_ptr<Transfer>, std::thread>> all;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    all.swap(running_);
  }
  for (auto& [transfer, thread] : all) transfer->cancel();
  for (auto& [transfer, thread] : all) thread.join();
}

}  // namespace warden::http_plugin
