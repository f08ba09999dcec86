#include "process_loop.hpp"

#include <pthread.h>
#include <signal.h>
#include <uv.h>

#include <array>
#include <cstring>
#include <future>
#include <map>
#include <mutex>

namespace warden::shell_plugin {
namespace {

// How long output may still arrive after a child exited (a grandchild holding its pipes open).
constexpr std::uint64_t kDrainMs = 2000;

struct Child {
  ProcessLoop::State* state = nullptr;
  std::uint64_t serial = 0;
  int pid = 0;
  ChildSpec spec;
  ChildEvents events;
  uv_process_t process{};
  uv_pipe_t in{}, out{}, err{};
  uv_timer_t timer{};
  bool has_in = false, has_output = false;
  bool out_open = false, err_open = false;
  bool exited = false, finished = false;
  ExitStatus status;
  int handles = 0;  // initialised and not yet closed; the Child is freed at 0
  std::array<char, 64 * 1024> buffer{};
};

struct WriteRequest {
  uv_write_t req{};
  std::string bytes;
  std::function<void(std::string)> done;
};

std::string not_found(int pid) {
  return "no running child process with pid " + std::to_string(pid) + " was spawned by this page";
}

}  // namespace

struct ProcessLoop::State {
  uv_loop_t loop{};
  uv_async_t wake{};
  std::mutex mutex;
  std::vector<std::function<void()>> tasks;  // under mutex
  bool closed = false;                       // under mutex: no more tasks run
  // Loop thread only.
  std::map<int, Child*> running;  // by pid, until the child exits
  std::map<std::uint64_t, Child*> by_serial;
  std::uint64_t next_serial = 1;
  bool shutting_down = false;
  std::chrono::milliseconds grace{ProcessLoop::kDefaultGrace};
};

namespace {

using State = ProcessLoop::State;

void on_close(uv_handle_t* h) {
  auto* c = static_cast<Child*>(h->data);
  if (--c->handles == 0) delete c;
}

// Every handle's data is its Child, which on_close frees after the last one.
void close_handle(uv_handle_t* h) {
  if (!uv_is_closing(h)) uv_close(h, on_close);
}

// Once shutting down and every child is gone: no more tasks, and the loop may end.
void maybe_stop(State* s) {
  if (!s->shutting_down || !s->by_serial.empty() || uv_is_closing(reinterpret_cast<uv_handle_t*>(&s->wake))) return;
  std::vector<std::function<void()>> dropped;
  {
    std::lock_guard lock(s->mutex);
    s->closed = true;  // post() sends no wake-up from now on: the handle is about to close
    dropped.swap(s->tasks);
  }
  dropped.clear();  // their completions reject their calls
  uv_close(reinterpret_cast<uv_handle_t*>(&s->wake), nullptr);
}

// The child's group, or only the child if it has none of its own.
void signal_child(Child* c, int signum) {
  if (::kill(-c->pid, signum) != 0) uv_process_kill(&c->process, signum);
}

void finish(Child* c) {
  if (c->finished) return;
  c->finished = true;
  if (c->out_open) close_handle(reinterpret_cast<uv_handle_t*>(&c->out));
  if (c->err_open) close_handle(reinterpret_cast<uv_handle_t*>(&c->err));
  c->out_open = c->err_open = false;
  State* s = c->state;
  s->by_serial.erase(c->serial);
  ChildEvents events = std::move(c->events);
  if (events.exited) events.exited(c->status);
  close_handle(reinterpret_cast<uv_handle_t*>(&c->timer));
  close_handle(reinterpret_cast<uv_handle_t*>(&c->process));
  if (c->has_in) close_handle(reinterpret_cast<uv_handle_t*>(&c->in));
  maybe_stop(s);
}

void on_alloc(uv_handle_t* h, size_t, uv_buf_t* buf) {
  auto* c = static_cast<Child*>(h->data);
  *buf = uv_buf_init(c->buffer.data(), static_cast<unsigned>(c->buffer.size()));
}

void on_read(uv_stream_t* stream, ssize_t n, const uv_buf_t* buf) {
  auto* c = static_cast<Child*>(stream->data);
  bool is_err = stream == reinterpret_cast<uv_stream_t*>(&c->err);
  if (n > 0) {
    if (c->events.output) c->events.output(is_err, std::string_view(buf->base, static_cast<std::size_t>(n)));
    return;
  }
  if (n == 0) return;  // nothing read this time
  (is_err ? c->err_open : c->out_open) = false;
  uv_read_stop(stream);
  close_handle(reinterpret_cast<uv_handle_t*>(stream));
  if (c->exited && !c->out_open && !c->err_open) finish(c);
}

void on_drain_timeout(uv_timer_t* t) { finish(static_cast<Child*>(t->data)); }

void on_exit(uv_process_t* p, int64_t exit_status, int term_signal) {
  auto* c = static_cast<Child*>(p->data);
  c->exited = true;
  if (term_signal) c->status.signal = term_signal;
  else c->status.code = exit_status;
  c->state->running.erase(c->pid);  // reaped: the pid may be reused from now on
  uv_timer_stop(&c->timer);
  if (c->has_in) close_handle(reinterpret_cast<uv_handle_t*>(&c->in));
  if (!c->out_open && !c->err_open) return finish(c);
  uv_timer_start(&c->timer, on_drain_timeout, kDrainMs, 0);
}

void on_grace_over(uv_timer_t* t) {
  auto* c = static_cast<Child*>(t->data);
  if (!c->exited) signal_child(c, SIGKILL);
}

void start_terminating(Child* c, std::chrono::milliseconds grace) {
  if (c->exited || uv_is_active(reinterpret_cast<uv_handle_t*>(&c->timer))) return;
  signal_child(c, SIGTERM);
  uv_timer_start(&c->timer, on_grace_over, static_cast<std::uint64_t>(grace.count()), 0);
}

// Stops watching an unsupervised child without signalling it (it outlives the plugin).
void abandon(Child* c) {
  c->events = {};
  c->state->running.erase(c->pid);
  c->exited = true;
  finish(c);
}

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (auto& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void spawn_now(State* s, ChildSpec spec, ChildEvents events, const std::function<void(Started)>& started) {
  if (s->shutting_down) return started({0, 0, "the shell plugin is shutting down"});
  auto* c = new Child;
  c->state = s;
  c->serial = s->next_serial++;
  c->spec = std::move(spec);
  c->events = std::move(events);
  uv_loop_t* loop = &s->loop;
  uv_timer_init(loop, &c->timer);
  c->timer.data = c;
  ++c->handles;
  uv_stdio_container_t stdio[3];
  stdio[0].flags = UV_IGNORE;
  stdio[1].flags = UV_IGNORE;
  stdio[2].flags = UV_IGNORE;
  if (c->spec.stdin_pipe) {
    uv_pipe_init(loop, &c->in, 0);
    c->in.data = c;
    ++c->handles;
    c->has_in = true;
    stdio[0].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_READABLE_PIPE);
    stdio[0].data.stream = reinterpret_cast<uv_stream_t*>(&c->in);
  }
  if (c->spec.capture_output) {
    for (uv_pipe_t* p : {&c->out, &c->err}) {
      uv_pipe_init(loop, p, 0);
      p->data = c;
      ++c->handles;
    }
    c->has_output = true;
    stdio[1].flags = stdio[2].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
    stdio[1].data.stream = reinterpret_cast<uv_stream_t*>(&c->out);
    stdio[2].data.stream = reinterpret_cast<uv_stream_t*>(&c->err);
  }
  std::vector<std::string> argv = c->spec.argv;
  std::vector<std::string> env = c->spec.env;
  std::vector<char*> argv_c = c_strings(argv);
  std::vector<char*> env_c = c_strings(env);
  uv_process_options_t options{};
  options.exit_cb = on_exit;
  options.file = c->spec.file.c_str();
  options.args = argv_c.data();
  options.env = env_c.data();
  options.cwd = c->spec.cwd.empty() ? nullptr : c->spec.cwd.c_str();
  options.flags = UV_PROCESS_DETACHED;  // its own session and process group
  options.stdio_count = 3;
  options.stdio = stdio;
  c->process.data = c;
  int r = uv_spawn(loop, &c->process, &options);
  ++c->handles;  // uv_spawn initialises the handle even when it fails
  if (r != 0) {
    std::string why = std::string("cannot start ") + c->spec.file +
                      (c->spec.cwd.empty() ? "" : " in " + c->spec.cwd) + ": " + uv_strerror(r);
    c->events = {};
    c->exited = true;
    c->finished = true;
    close_handle(reinterpret_cast<uv_handle_t*>(&c->timer));
    close_handle(reinterpret_cast<uv_handle_t*>(&c->process));
    if (c->has_in) close_handle(reinterpret_cast<uv_handle_t*>(&c->in));
    if (c->has_output) {
      close_handle(reinterpret_cast<uv_handle_t*>(&c->out));
      close_handle(reinterpret_cast<uv_handle_t*>(&c->err));
    }
    return started({0, 0, why});
  }
  c->pid = c->process.pid;
  s->running[c->pid] = c;
  s->by_serial[c->serial] = c;
  started({c->pid, c->serial, ""});
  if (c->has_output) {
    c->out_open = c->err_open = true;
    uv_read_start(reinterpret_cast<uv_stream_t*>(&c->out), on_alloc, on_read);
    uv_read_start(reinterpret_cast<uv_stream_t*>(&c->err), on_alloc, on_read);
  }
}

// The running child `pid` when it is a page handle of `owner`. An empty owner is no one's.
Child* page_child(State* s, int pid, const std::string& owner) {
  auto it = s->running.find(pid);
  if (it == s->running.end() || owner.empty()) return nullptr;
  Child* c = it->second;
  return c->spec.page_handle && c->spec.owner == owner ? c : nullptr;
}

void on_written(uv_write_t* req, int status) {
  auto* w = static_cast<WriteRequest*>(req->data);
  w->done(status == 0 ? std::string() : std::string("cannot write to the child's stdin: ") + uv_strerror(status));
  delete w;
}

void on_wake(uv_async_t* a) {
  auto* s = static_cast<State*>(a->data);
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(s->mutex);
    tasks.swap(s->tasks);
  }
  for (auto& t : tasks) t();
}

void run_loop(State* s) {
  // A write to the stdin of a child that has exited must fail with EPIPE, not raise SIGPIPE in
  // the host: the signal is thread-directed, and this thread is the only one that writes.
  sigset_t pipe;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
  uv_run(&s->loop, UV_RUN_DEFAULT);
}

}  // namespace

ProcessLoop::ProcessLoop() : state_(std::make_unique<State>()) {
  uv_loop_init(&state_->loop);
  uv_async_init(&state_->loop, &state_->wake, on_wake);
  state_->wake.data = state_.get();
  thread_ = std::thread(run_loop, state_.get());
}

ProcessLoop::~ProcessLoop() { shutdown(); }

void ProcessLoop::post(std::function<void()> task) {
  std::lock_guard lock(state_->mutex);
  if (state_->closed) return;
  state_->tasks.push_back(std::move(task));
  uv_async_send(&state_->wake);
}

void ProcessLoop::spawn(ChildSpec spec, ChildEvents events, std::function<void(Started)> started) {
  State* s = state_.get();
  post([s, spec = std::move(spec), events = std::move(events), started = std::move(started)]() mutable {
    spawn_now(s, std::move(spec), std::move(events), started);
  });
}

void ProcessLoop::write_stdin(int pid, std::string owner, std::string bytes, std::function<void(std::string)> done) {
  State* s = state_.get();
  post([s, pid, owner = std::move(owner), bytes = std::move(bytes), done = std::move(done)]() mutable {
    Child* c = page_child(s, pid, owner);
    if (!c) return done(not_found(pid));
    if (!c->has_in || uv_is_closing(reinterpret_cast<uv_handle_t*>(&c->in)))
      return done("the stdin of child process " + std::to_string(pid) + " is closed");
    auto* w = new WriteRequest{{}, std::move(bytes), std::move(done)};
    w->req.data = w;
    uv_buf_t buf = uv_buf_init(w->bytes.data(), static_cast<unsigned>(w->bytes.size()));
    int r = uv_write(&w->req, reinterpret_cast<uv_stream_t*>(&c->in), &buf, 1, on_written);
    if (r != 0) {
      w->done(std::string("cannot write to the child's stdin: ") + uv_strerror(r));
      delete w;
    }
  });
}

void ProcessLoop::kill(int pid, std::string owner, std::function<void(std::string)> done) {
  State* s = state_.get();
  post([s, pid, owner = std::move(owner), done = std::move(done)] {
    Child* c = page_child(s, pid, owner);
    if (!c) return done(not_found(pid));
    signal_child(c, SIGKILL);
    done("");
  });
}

void ProcessLoop::terminate(std::uint64_t serial, std::chrono::milliseconds grace) {
  State* s = state_.get();
  post([s, serial, grace] {
    auto it = s->by_serial.find(serial);
    if (it != s->by_serial.end() && it->second->spec.supervised) start_terminating(it->second, grace);
  });
}

void ProcessLoop::shutdown(std::chrono::milliseconds grace) {
  if (!thread_.joinable()) return;
  State* s = state_.get();
  post([s, grace] {
    s->shutting_down = true;
    s->grace = grace;
    std::vector<Child*> all;
    for (auto& [serial, c] : s->by_serial) all.push_back(c);
    for (Child* c : all) {
      if (c->spec.supervised) start_terminating(c, grace);
      else abandon(c);
    }
    maybe_stop(s);
  });
  thread_.join();
  uv_run(&s->loop, UV_RUN_NOWAIT);  // the close callbacks still due
  uv_loop_close(&s->loop);
}

}  // namespace warden::shell_plugin
