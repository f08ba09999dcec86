#include "watch_loop.hpp"

#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <boost/json.hpp>

#include "watched_inode.hpp"

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

// What every inotify watch asks for. IN_EXCL_UNLINK: no events for a child after it was
// unlinked (they would be named by a name the file no longer has).
constexpr std::uint32_t kWatchMask = IN_ATTRIB | IN_CREATE | IN_MODIFY | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_MOVED_FROM | IN_MOVED_TO | IN_EXCL_UNLINK;

struct ActiveWatch;

// One watched file or folder of one watch: the inode its path led to when the watch began.
struct Handle {
  ActiveWatch* owner = nullptr;
  std::string path;
  int wd = -1;
  InodeId inode;
  bool named_by_page = false;  // one of the request's paths (no watched parent reports its moves)
};

struct ActiveWatch {
  WatchRequest request;
  std::map<std::string, Handle*> handles;  // by watched path
  uv_timer_t timer{};
  bool timer_started = false;
  std::vector<json::value> pending;
  bool stopping = false;
};

bool is_below(const std::string& path, const std::string& folder) {
  if (folder == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

std::string child_of(const std::string& folder, const std::string& name) {
  return folder == "/" ? "/" + name : folder + "/" + name;
}

json::value modified() { return json::object{{"modify", json::object{{"kind", "data"}, {"mode", "any"}}}}; }
json::value removed() { return json::object{{"remove", json::object{{"kind", "any"}}}}; }

json::value created(const std::string& path, bool folder) {
  const char* kind = "file";
  struct stat st {};
  if (folder)
    kind = "folder";
  else if (::lstat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    kind = "other";
  return json::object{{"create", json::object{{"kind", kind}}}};
}

json::value type_of(std::uint32_t mask, const std::string& path) {
  if (mask & (IN_CREATE | IN_MOVED_TO)) return created(path, mask & IN_ISDIR);
  if (mask & (IN_DELETE | IN_MOVED_FROM)) return removed();
  return modified();  // IN_MODIFY, IN_ATTRIB
}

void send(ActiveWatch* w, json::value type, const std::string& path);

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
  // One inotify instance for every watch (they are few per user), read when the loop sees it
  // readable. One inode watched twice has one wd; by_wd lists every Handle on it.
  int inotify_fd = -1;
  uv_poll_t inotify_poll{};
  std::map<int, std::vector<Handle*>> by_wd;

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

  // Loop thread, at the first watch.
  void start_inotify() {
    if (inotify_fd >= 0) return;
    inotify_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd < 0) throw std::runtime_error(std::string("cannot start the file watcher: ") + std::strerror(errno));
    uv_poll_init(&loop, &inotify_poll, inotify_fd);
    inotify_poll.data = this;
    uv_poll_start(&inotify_poll, UV_READABLE, [](uv_poll_t* p, int status, int) {
      if (status >= 0) static_cast<State*>(p->data)->read_events();
    });
  }

  void stop_inotify() {
    if (inotify_fd < 0) return;
    uv_close(reinterpret_cast<uv_handle_t*>(&inotify_poll), nullptr);  // stops polling at once
    ::close(inotify_fd);
    inotify_fd = -1;
  }

  // Loop thread. Watches `path` for `w` unless it is watched already at the same inode; a handle
  // left at that path by a folder since moved away or replaced is dropped first.
  void add_handle(ActiveWatch* w, const std::string& path, bool named_by_page) {
    if (auto it = w->handles.find(path); it != w->handles.end()) {
      auto now = inode_at(path);
      if (now && *now == it->second->inode) return;
      drop_tree(w, path);
    }
    start_inotify();
    InodeWatch added;
    try {
      added = watch_inode(inotify_fd, path, kWatchMask);
    } catch (const std::runtime_error&) {
      if (named_by_page) throw;
      return;  // a sub-folder gone or unreadable by now: nothing to watch
    }
    auto* h = new Handle{w, path, added.wd, added.inode, named_by_page};
    w->handles[path] = h;
    by_wd[added.wd].push_back(h);
    if (w->request.recursive && added.inode.folder) add_subfolders(w, path);
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
      if (entry.type == UV_DIRENT_DIR) subfolders.push_back(child_of(folder, entry.name));
    uv_fs_req_cleanup(&req);
    for (const auto& s : subfolders)
      if (w->request.in_scope(s)) add_handle(w, s, false);  // links are UV_DIRENT_LINK: not followed
  }

  // Stops watching `path` and everything below it for `w` (a folder that left its place).
  void drop_tree(ActiveWatch* w, const std::string& path) {
    if (auto it = w->handles.find(path); it != w->handles.end()) {
      release(it->second);
      w->handles.erase(it);
    }
    const std::string prefix = path == "/" ? "/" : path + "/";
    for (auto it = w->handles.lower_bound(prefix); it != w->handles.end() && is_below(it->first, path);) {
      release(it->second);
      it = w->handles.erase(it);
    }
  }

  // Removes the inotify watch with its last Handle; frees the Handle.
  void release(Handle* h) {
    auto it = by_wd.find(h->wd);
    if (it != by_wd.end()) {
      std::erase(it->second, h);
      if (it->second.empty()) {
        ::inotify_rm_watch(inotify_fd, h->wd);
        by_wd.erase(it);
      }
    }
    delete h;
  }

  void read_events() {
    alignas(inotify_event) char buffer[64 * 1024];
    for (;;) {
      ssize_t n = ::read(inotify_fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;  // EAGAIN: all read
      for (char* p = buffer; p < buffer + n;) {
        const auto* e = reinterpret_cast<const inotify_event*>(p);
        p += sizeof(inotify_event) + e->len;
        dispatch(*e);
      }
    }
  }

  void dispatch(const inotify_event& e) {
    auto it = by_wd.find(e.wd);
    if (it == by_wd.end()) return;  // IN_Q_OVERFLOW (wd -1), or a watch already removed
    if (e.mask & IN_IGNORED) {      // the inode is gone (deleted, unmounted): so is its watch
      for (Handle* h : it->second) {
        auto& handles = h->owner->handles;
        if (auto mine = handles.find(h->path); mine != handles.end() && mine->second == h) handles.erase(mine);
        delete h;
      }
      by_wd.erase(it);
      return;
    }
    std::string name = e.len ? std::string(e.name) : std::string();  // NUL-padded
    std::vector<Handle*> on_inode = it->second;
    for (Handle* h : on_inode) {
      auto now = by_wd.find(e.wd);  // an earlier Handle's event may have dropped this one
      if (now == by_wd.end() || std::find(now->second.begin(), now->second.end(), h) == now->second.end()) continue;
      on_event(h, e.mask, name);
    }
  }

  void on_event(Handle* h, std::uint32_t mask, const std::string& name) {
    ActiveWatch* w = h->owner;
    if (w->stopping) return;
    // inotify followed the inode; its path names it only while the path still leads there. A
    // folder moved away (out of the scope, under a deny) or deleted stops being watched, and
    // what happens to it from then on is not named by its old path.
    auto now = inode_at(h->path);
    if (!now || !(*now == h->inode)) {
      std::string path = h->path;
      bool named_by_page = h->named_by_page;
      drop_tree(w, path);
      if (named_by_page) replace_named_path(w, path, now);
      return;
    }
    if (mask & (IN_MOVE_SELF | IN_DELETE_SELF)) return;  // back in place: its parent names any move
    std::string path = name.empty() ? h->path : child_of(h->path, name);
    if (!name.empty() && (mask & (IN_DELETE | IN_MOVED_FROM))) drop_tree(w, path);
    if (!w->request.in_scope(path)) return;
    if (w->request.recursive && (mask & IN_ISDIR) && (mask & (IN_CREATE | IN_MOVED_TO))) add_handle(w, path, false);
    send(w, type_of(mask, path), path);
  }

  // A path the page named left its place (no watched parent reports that): the page hears it
  // was removed, or replaced (an atomic write, a folder made anew), and then the new one is
  // watched in its place.
  void replace_named_path(ActiveWatch* w, const std::string& path, const std::optional<InodeId>& now) {
    if (!w->request.in_scope(path)) return;
    if (!now) {
      send(w, removed(), path);
      return;
    }
    try {
      add_handle(w, path, true);
    } catch (const std::runtime_error&) {  // gone again already
      send(w, removed(), path);
      return;
    }
    send(w, created(path, now->folder), path);
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
    for (auto& kv : w->handles) release(kv.second);
    w->handles.clear();
    uv_timer_stop(&w->timer);
    uv_close(reinterpret_cast<uv_handle_t*>(&w->timer), [](uv_handle_t* t) { delete static_cast<ActiveWatch*>(t->data); });
  }
};

namespace {
// Immediately, or into the batch that the watch's delay sends.
void send(ActiveWatch* w, json::value type, const std::string& path) {
  json::value event = json::object{{"type", std::move(type)}, {"paths", json::array{json::value(path)}}, {"attrs", json::object{}}};
  if (!w->request.delay_ms) {
    w->request.send(event);
    return;
  }
  for (const auto& p : w->pending)
    if (p == event) return;  // the same change twice in one batch is one change
  w->pending.push_back(std::move(event));
  if (!w->timer_started) {
    w->timer_started = true;
    uv_timer_start(&w->timer, &WatchLoop::State::on_timer, *w->request.delay_ms, 0);
  }
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
    auto* w = new ActiveWatch{std::move(request), {}, {}, false, {}, false};
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
    s->stop_inotify();
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
