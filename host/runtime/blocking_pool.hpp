#pragma once
// The threads that run blocking commands, shared fairly between webviews: each webview may occupy
// at most `per_webview` of the `threads` at once, and a free thread takes the next job of the
// webview after the last one served (round robin), not the oldest job overall. So one page that
// queues many slow calls (each a `sleep`, a slow disk) waits behind its own calls only, while
// other pages still get threads. (libuv's shared pool, used before, has 4 threads by default and
// runs jobs in arrival order: four long calls from one page blocked every page's blocking work.)
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace warden::runtime {

struct PoolSize {
  size_t threads = 0;      // 0: default_threads()
  size_t per_webview = 0;  // 0: half the threads (at least 1); never more than threads
};

// Blocking commands mostly wait (disk, processes, network) rather than compute: twice the cores,
// at least libuv's 4, at most 64.
size_t default_threads();

class BlockingPool {
 public:
  explicit BlockingPool(PoolSize size = {});  // starts the threads
  ~BlockingPool();  // jobs not yet started are dropped (destroyed without running); waits for running ones
  BlockingPool(const BlockingPool&) = delete;
  BlockingPool& operator=(const BlockingPool&) = delete;

  // [any-thread] Runs `job` on a pool thread, counted against `webview`'s share. A job that
  // throws is logged.
  void run(const std::string& webview, std::function<void()> job);

  size_t threads() const;
  size_t per_webview() const;

  // Opaque; public only so that the worker function in the .cpp can name it.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace warden::runtime
