#include "watch_loop.hpp"

#include <sys/stat.h>
#include <uv.h>

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/json.hpp>

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

struct ActiveWatch;

// What one uv_fs_event_t watches: a folder (events name its entries) or a file.
struct Handle {
  uv_fs_event_t event{};
  ActiveWatch* owner = nullptr;
  std::string path;
};

struct ActiveWatch {
  WatchRequest request;
  std::map<std::string, Handle*> handles;  // by watched path
  uv_timer_t timer{};
  bool timer_started = false;
  std::vector<json::value> pending;
  int open_handles = 0;  // closes still to come before the watch may be freed
  bool stopping = false;
};

json::value kind_of_rename(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return json::object{{"remove", json::object{{"kind", "any"}}}};
  const char* kind = S_ISDIR(st.st_mode) ? "folder" : S_ISREG(st.st_mode) ? "file" : "other";
  return json::object{{"create", json::object{{"kind", kind}}}};
}

void on_closed(uv_handle_t* h);

}  // namespace

struct WatchLoop::State {
  std::mutex mutex;
  std::deque<std::function<void()>> tasks;  // run on the loop thread
  bool running = false;
  bool stopped = false;
  uv_loop_t loop{};
  uv_async_t wake{};
  std::thread thread;
  std::map<std::uint64_t, ActiveWatch*> watches;  // loop thread only
  std::uint64_t next_id = 1;

  // Runs `task` on the loop thread and waits for it.
  void run(std::function<void()> task) {
    std::mutex done_mutex;
    std::condition_variable done_cv;
    bool done = false;
    std::exception_ptr error;
    post([&] {
      try {
        task();
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard l(done_mutex);
      done = true;
      done_cv.notify_one();
    });
    std::unique_lock l(done_mutex);
    done_cv.wait(l, [&] { return done; });
    if (error) std::rethrow_exception(error);
  }

  void post(std::function<void()> task) {
    {
      std::lock_guard l(mutex);
      if (stopped) throw std::runtime_error("the file watcher has stopped");
      start_locked();
      tasks.push_back(std::move(task));
    }
    uv_async_send(&wake);
  }

  void start_locked() {
    if (running) return;
    if (uv_loop_init(&loop) != 0) throw std::runtime_error("cannot start the file watcher loop");
    loop.data = this;  // uv_loop_init clears it; the event callbacks find the State through it
    uv_async_init(&loop, &wake, [](uv_async_t* a) { static_cast<State*>(a->data)->drain(); });
    wake.data = this;
    running = true;
    thread = std::thread([this] { uv_run(&loop, UV_RUN_DEFAULT); });
  }

  void drain() {
    for (;;) {
      std::function<void()> task;
      {
        std::lock_guard l(mutex);
        if (tasks.empty()) return;
        task = std::move(tasks.front());
        tasks.pop_front();
      }
      task();
    }
  }

  // Loop thread.
  void add_handle(ActiveWatch* w, const std::string& path, bool required) {
    if (w->handles.count(path)) return;
    auto* h = new Handle;
    h->owner = w;
    h->path = path;
    uv_fs_event_init(&loop, &h->event);
    h->event.data = h;
    int rc = uv_fs_event_start(&h->event, &State::on_event, path.c_str(), 0);
    if (rc != 0) {
      ++w->open_handles;
      uv_close(reinterpret_cast<uv_handle_t*>(&h->event), on_closed);
      if (required) throw std::runtime_error("cannot watch '" + path + "': " + uv_strerror(rc));
      return;
    }
    ++w->open_handles;
    w->handles[path] = h;
    if (w->request.recursive) add_subfolders(w, path);
  }

  void add_subfolders(ActiveWatch* w, const std::string& folder) {
    uv_fs_t req;
    if (uv_fs_scandir(nullptr, &req, folder.c_str(), 0, nullptr) < 0) {
      uv_fs_req_cleanup(&req);
      return;
    }
    uv_dirent_t entry;
    std::vector<std::string> subfolders;
    while (uv_fs_scandir_next(&req, &entry) != UV_EOF)
      if (entry.type == UV_DIRENT_DIR) subfolders.push_back(folder + "/" + entry.name);
    uv_fs_req_cleanup(&req);
    for (const auto& s : subfolders)
      if (w->request.in_scope(s)) add_handle(w, s, false);  // links are UV_DIRENT_LINK: not followed
  }

  static void on_event(uv_fs_event_t* e, const char* filename, int events, int status) {
    auto* h = static_cast<Handle*>(e->data);
    ActiveWatch* w = h->owner;
    if (status < 0 || w->stopping) return;
    std::string path = h->path;
    struct stat st {};
    bool folder = ::stat(h->path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (filename && *filename && folder) path += "/" + std::string(filename);
    if (!w->request.in_scope(path)) return;
    json::value kind = (events & UV_RENAME) ? kind_of_rename(path)
                                            : json::value(json::object{{"modify", json::object{{"kind", "data"}, {"mode", "any"}}}});
    if (w->request.recursive && kind.as_object().contains("create") &&
        kind.as_object().at("create").as_object().at("kind") == "folder") {
      auto* self = static_cast<State*>(e->loop->data);
      self->add_handle(w, path, false);
    }
    json::value event = json::object{{"type", kind}, {"paths", json::array{json::value(path)}}, {"attrs", json::object{}}};
    if (!w->request.delay_ms) {
      w->request.send(event);
      return;
    }
    for (const auto& p : w->pending)
      if (p == event) return;  // the same change twice in one batch is one change
    w->pending.push_back(std::move(event));
    if (!w->timer_started) {
      w->timer_started = true;
      uv_timer_start(&w->timer, &State::on_timer, *w->request.delay_ms, 0);
    }
  }

  static void on_timer(uv_timer_t* t) {
    auto* w = static_cast<ActiveWatch*>(t->data);
    w->timer_started = false;
    auto batch = std::move(w->pending);
    w->pending.clear();
    for (const auto& e : batch) w->request.send(e);
  }

  void stop_watch(std::uint64_t id) {
    auto it = watches.find(id);
    if (it == watches.end()) return;
    ActiveWatch* w = it->second;
    watches.erase(it);
    w->stopping = true;
    for (auto& kv : w->handles) {
      uv_fs_event_stop(&kv.second->event);
      uv_close(reinterpret_cast<uv_handle_t*>(&kv.second->event), on_closed);
    }
    w->handles.clear();
    uv_timer_stop(&w->timer);
    uv_close(reinterpret_cast<uv_handle_t*>(&w->timer), [](uv_handle_t* t) {
      auto* w = static_cast<ActiveWatch*>(t->data);
      if (--w->open_handles == 0) delete w;
    });
  }
};

namespace {
void on_closed(uv_handle_t* handle) {
  auto* h = static_cast<Handle*>(handle->data);
  ActiveWatch* w = h->owner;
  delete h;
  if (--w->open_handles == 0) delete w;
}
}  // namespace

Watch::~Watch() {
  try {
    loop_->unwatch(id_);
  } catch (...) {  // the loop has stopped: the watch went with it
  }
}

WatchLoop::WatchLoop() : state_(std::make_unique<State>()) {}

WatchLoop::~WatchLoop() { stop(); }

std::unique_ptr<Watch> WatchLoop::watch(WatchRequest request) {
  std::uint64_t id = 0;
  state_->run([&] {
    auto* w = new ActiveWatch{std::move(request), {}, {}, false, {}, 1, false};
    uv_timer_init(&state_->loop, &w->timer);
    w->timer.data = w;
    id = state_->next_id++;
    state_->watches[id] = w;
    try {
      for (const auto& p : w->request.paths) state_->add_handle(w, p, true);
    } catch (...) {
      state_->stop_watch(id);
      throw;
    }
  });
  return std::make_unique<Watch>(shared_from_this(), id);
}

void WatchLoop::unwatch(std::uint64_t id) {
  State* s = state_.get();
  s->post([s, id] { s->stop_watch(id); });
}

void WatchLoop::stop() {
  State* s = state_.get();
  {
    std::lock_guard l(s->mutex);
    if (s->stopped) return;
    if (!s->running) {
      s->stopped = true;
      return;
    }
  }
  s->post([s] {
    std::vector<std::uint64_t> ids;
    for (const auto& kv : s->watches) ids.push_back(kv.first);
    for (auto id : ids) s->stop_watch(id);
    uv_close(reinterpret_cast<uv_handle_t*>(&s->wake), nullptr);
  });
  {
    std::lock_guard l(s->mutex);
    s->stopped = true;
  }
  s->thread.join();
  uv_loop_close(&s->loop);
}

}  // namespace warden::fs_plugin
