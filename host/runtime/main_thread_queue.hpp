#pragma once
// A thread-safe queue of tasks run on a GLib main context (the UI thread): any thread posts,
// the main loop runs the tasks in order, batched under one idle source per wake-up.
#include <functional>
#include <memory>

typedef struct _GMainContext GMainContext;

namespace warden::runtime {

class MainThreadQueue {
 public:
  // `context` nullptr means the default main context. It must outlive the queue.
  explicit MainThreadQueue(GMainContext* context = nullptr);
  ~MainThreadQueue();  // tasks not yet run are dropped (destroyed without running)
  MainThreadQueue(const MainThreadQueue&) = delete;
  MainThreadQueue& operator=(const MainThreadQueue&) = delete;

  // [any-thread] Runs `task` later on the main context.
  void post(std::function<void()> task);
  // [any-thread] On the main thread with nothing queued, runs `task` now (no wake-up, no wait
  // for the next loop iteration); otherwise posts it, behind what is queued, so order is kept.
  void run_or_post(std::function<void()> task);
  // Whether the calling thread is the one that created the queue (the main thread).
  bool on_main_thread() const;

 // Opaque; public only so that the C callbacks in the .cpp can name it.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace warden::runtime
