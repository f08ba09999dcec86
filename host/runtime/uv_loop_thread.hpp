#pragma once
// The libuv loop that runs plugin work, on its own thread: tasks posted from any thread run
// on the loop thread; blocking work runs on libuv's thread pool.
#include <functional>
#include <memory>
#include <thread>

namespace warden::runtime {

class UvLoopThread {
 public:
  UvLoopThread();   // starts the thread
  ~UvLoopThread();  // stops the loop; tasks not yet run are dropped
  UvLoopThread(const UvLoopThread&) = delete;
  UvLoopThread& operator=(const UvLoopThread&) = delete;

  // [any-thread] Runs `task` on the loop thread.
  void post(std::function<void()> task);

  // [any-thread] Runs `work` on the thread pool (it may block).
  void run_blocking(std::function<void()> work);

  // True on the loop thread.
  bool on_loop_thread() const;

 // Opaque; public only so that the C callbacks in the .cpp can name it.
  struct State;

 private:
  std::unique_ptr<State> state_;
  std::thread thread_;
};

}  // namespace warden::runtime
