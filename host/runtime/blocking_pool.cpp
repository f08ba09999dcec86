#include "runtime/blocking_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <list>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

namespace warden::runtime {

size_t default_threads() {
  size_t cores = std::max<size_t>(1, std::thread::hardware_concurrency());
  return std::clamp<size_t>(2 * cores, 4, 64);
}

struct BlockingPool::State {
  struct Webview {
    std::deque<std::function<void()>> jobs;
    size_t running = 0;
  };
  size_t per_webview = 1;
  std::mutex mutex;
  std::condition_variable wake;
  std::map<std::string, Webview> webviews;  // only webviews with jobs queued or running
  std::list<std::string> turns;             // webviews with queued jobs, next to serve first
  bool stopping = false;
  std::vector<std::thread> threads;

  // The next job a free thread may take: the first webview in turn that is under its share.
  // Caller holds the mutex.
  bool take(std::string& webview, std::function<void()>& job) {
    for (auto it = turns.begin(); it != turns.end(); ++it) {
      auto& w = webviews[*it];
      if (w.running >= per_webview) continue;
      webview = *it;
      job = std::move(w.jobs.front());
      w.jobs.pop_front();
      ++w.running;
      turns.erase(it);
      if (!w.jobs.empty()) turns.push_back(webview);  // back of the line: the others go first
      return true;
    }
    return false;
  }

  void work() {
    std::unique_lock lock(mutex);
    for (;;) {
      std::string webview;
      std::function<void()> job;
      wake.wait(lock, [&] { return stopping || take(webview, job); });
      if (!job) return;  // stopping
      lock.unlock();
      try {
        job();
      } catch (const std::exception& e) {
        spdlog::error("runtime: blocking work threw: {}", e.what());
      }
      job = nullptr;  // destroyed outside the lock: it may hold a call's last references
      lock.lock();
      auto it = webviews.find(webview);
      --it->second.running;
      if (it->second.running == 0 && it->second.jobs.empty()) webviews.erase(it);
      // This thread loops to take the next job itself; a job held back by this webview's share
      // may now go too, on any thread that is free.
      wake.notify_one();
    }
  }
};

BlockingPool::BlockingPool(PoolSize size) : state_(std::make_shared<State>()) {
  size_t threads = size.threads ? size.threads : default_threads();
  size_t share = size.per_webview ? size.per_webview : std::max<size_t>(1, threads / 2);
  state_->per_webview = std::min(share, threads);
  state_->threads.reserve(threads);
  for (size_t i = 0; i < threads; ++i) state_->threads.emplace_back([s = state_.get()] { s->work(); });
}

BlockingPool::~BlockingPool() {
  std::map<std::string, State::Webview> dropped;
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    for (auto& [name, w] : state_->webviews) dropped[name].jobs.swap(w.jobs);
    state_->turns.clear();
  }
  state_->wake.notify_all();
  for (auto& t : state_->threads) t.join();
}

void BlockingPool::run(const std::string& webview, std::function<void()> job) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    auto& w = state_->webviews[webview];
    if (w.jobs.empty()) state_->turns.push_back(webview);
    w.jobs.push_back(std::move(job));
  }
  state_->wake.notify_one();
}

size_t BlockingPool::threads() const { return state_->threads.size(); }
size_t BlockingPool::per_webview() const { return state_->per_webview; }

}  // namespace warden::runtime
