#include "runtime/uv_loop_thread.hpp"

#include <mutex>
#include <vector>

#include <spdlog/spdlog.h>
#include <uv.h>

namespace warden::runtime {

struct UvLoopThread::State {
  uv_loop_t loop{};
  uv_async_t wake{};
  std::mutex mutex;
  std::vector<std::function<void()>> tasks;
  bool stopping = false;
  std::thread::id loop_thread;
};

namespace {
struct PoolWork {
  uv_work_t req{};
  std::function<void()> work;
};

void run_posted(uv_async_t* handle) {
  auto* state = static_cast<UvLoopThread::State*>(handle->data);
  std::vector<std::function<void()>> batch;
  bool stopping;
  {
    std::lock_guard lock(state->mutex);
    batch.swap(state->tasks);
    stopping = state->stopping;
  }
  for (auto& task : batch) {
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("runtime: task on the libuv loop threw: {}", e.what());
    }
  }
  if (stopping) uv_close(reinterpret_cast<uv_handle_t*>(&state->wake), nullptr);
}
}  // namespace

UvLoopThread::UvLoopThread() : state_(std::make_unique<State>()) {
  uv_loop_init(&state_->loop);
  uv_async_init(&state_->loop, &state_->wake, run_posted);
  state_->wake.data = state_.get();
  thread_ = std::thread([s = state_.get()] {
    s->loop_thread = std::this_thread::get_id();
    uv_run(&s->loop, UV_RUN_DEFAULT);
  });
}

UvLoopThread::~UvLoopThread() {
  {
    std::lock_guard lock(state_->mutex);
    state_->stopping = true;
    state_->tasks.clear();
  }
  uv_async_send(&state_->wake);
  thread_.join();  // the loop ends once the wake handle is closed and pool work is done
  uv_loop_close(&state_->loop);
}

void UvLoopThread::post(std::function<void()> task) {
  {
    std::lock_guard lock(state_->mutex);
    if (state_->stopping) return;
    state_->tasks.push_back(std::move(task));
  }
  uv_async_send(&state_->wake);
}

void UvLoopThread::run_blocking(std::function<void()> work) {
  post([s = state_.get(), work = std::move(work)]() mutable {
    auto* w = new PoolWork;
    w->req.data = w;
    w->work = std::move(work);
    uv_queue_work(
        &s->loop, &w->req,
        [](uv_work_t* req) {
          auto* w = static_cast<PoolWork*>(req->data);
          try {
            w->work();
          } catch (const std::exception& e) {
            spdlog::error("runtime: blocking work threw: {}", e.what());
          }
        },
        [](uv_work_t* req, int) { delete static_cast<PoolWork*>(req->data); });
  });
}

bool UvLoopThread::on_loop_thread() const { return std::this_thread::get_id() == state_->loop_thread; }

}  // namespace warden::runtime
