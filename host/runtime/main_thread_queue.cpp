#include "runtime/main_thread_queue.hpp"

#include <mutex>
#include <thread>
#include <vector>

#include <glib.h>

namespace warden::runtime {

struct MainThreadQueue::State {
  GMainContext* context = nullptr;
  std::mutex mutex;
  std::vector<std::function<void()>> tasks;
  GSource* source = nullptr;  // pending wake-up, guarded by mutex
  bool closed = false;
  std::thread::id owner = std::this_thread::get_id();
};

namespace {
gboolean run_tasks(gpointer data) {
  auto* holder = static_cast<std::shared_ptr<MainThreadQueue::State>*>(data);
  auto& state = **holder;
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(state.mutex);
    batch.swap(state.tasks);
    if (state.source) {
      g_source_unref(state.source);
      state.source = nullptr;
    }
  }
  for (auto& task : batch) task();
  return G_SOURCE_REMOVE;
}
void free_holder(gpointer data) { delete static_cast<std::shared_ptr<MainThreadQueue::State>*>(data); }
}  // namespace

MainThreadQueue::MainThreadQueue(GMainContext* context) : state_(std::make_shared<State>()) {
  state_->context = context ? context : g_main_context_default();
}

MainThreadQueue::~MainThreadQueue() {
  std::lock_guard lock(state_->mutex);
  state_->closed = true;
  state_->tasks.clear();
  if (state_->source) {
    g_source_destroy(state_->source);
    g_source_unref(state_->source);
    state_->source = nullptr;
  }
}

void MainThreadQueue::post(std::function<void()> task) {
  std::lock_guard lock(state_->mutex);
  if (state_->closed) return;
  state_->tasks.push_back(std::move(task));
  if (state_->source) return;  // a wake-up is already pending
  GSource* source = g_idle_source_new();
  g_source_set_priority(source, G_PRIORITY_DEFAULT);
  g_source_set_callback(source, run_tasks, new std::shared_ptr<State>(state_), free_holder);
  state_->source = source;  // keeps the reference from g_idle_source_new
  g_source_attach(source, state_->context);
}

bool MainThreadQueue::on_main_thread() const { return std::this_thread::get_id() == state_->owner; }

void MainThreadQueue::run_or_post(std::function<void()> task) {
  if (on_main_thread()) {
    bool idle;
    {
      std::lock_guard lock(state_->mutex);
      idle = state_->tasks.empty() && !state_->closed;
    }
    if (idle) return task();
  }
  post(std::move(task));
}

}  // namespace warden::runtime
