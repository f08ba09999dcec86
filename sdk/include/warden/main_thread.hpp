/*
 * Warden plugin SDK, C++ helper (header-only) over warden.main-thread/1 (ext/main_thread.h):
 * run code on the host's main (GTK) thread.
 *
 *   #include <warden/main_thread.hpp>
 *
 *   plugin.command("theme", [](warden::Context& ctx) {          // a BLOCKING command
 *     return warden::MainThread(ctx.host()).call([] {          // waits for the main thread
 *       gchar* name = nullptr;
 *       g_object_get(gtk_settings_get_default(), "gtk-theme-name", &name, nullptr);
 *       std::string theme = name ? name : "";
 *       g_free(name);
 *       return theme;
 *     });
 *   }, WARDEN_COMMAND_BLOCKING);
 *
 * - `MainThread(host)` throws warden::MainThreadMissing when the host lacks the extension (its
 *   what() names it); `MainThread::find(host)` returns std::nullopt instead, for a plugin that
 *   works on without it.
 * - `post(fn)`: fire and forget; false when the host refused (it is shutting down), and then fn
 *   never runs. `run(fn)`: a std::future of fn's result. `call(fn)`: runs fn there and waits,
 *   returning its result or rethrowing its exception in the calling thread.
 * - The host refuses new requests once it shuts down, and runs every accepted one before the
 *   plugin's shutdown: `run` and `call` then throw warden::MainThreadRefused, so a thread that
 *   waits for the main thread is never stuck at exit.
 * - Wait (`call`, future.get()) only on a worker thread: a WARDEN_COMMAND_BLOCKING command or a
 *   thread of yours. A quick command, init, shutdown and the callbacks run on the main thread,
 *   which would wait for itself: there, post() and complete the call from the callback
 *   (ctx.defer()). `call` made on the main thread runs fn right away instead of deadlocking:
 *   the host says where it is (is_main_thread); with a host whose extension predates that, only
 *   inside a callback or on the thread that has run one.
 * - fn must not block: the whole UI waits while it runs.
 * - No exception crosses the C ABI: fn's exception goes to the future (run, call) or to the
 *   host's log (post).
 */
#ifndef WARDEN_MAIN_THREAD_HPP
#define WARDEN_MAIN_THREAD_HPP

#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "warden/ext/main_thread.h"
#include "warden/plugin.hpp"

namespace warden {

// The host has no warden.main-thread/1 (or an older revision too short to use).
class MainThreadMissing : public MissingExtension {
 public:
  using MissingExtension::MissingExtension;
};

// The host refused a main-thread request: it is shutting down (or runs no main loop). The
// function did not run and never will.
class MainThreadRefused : public std::runtime_error {
 public:
  MainThreadRefused()
      : std::runtime_error("the host refused to run a function on its main thread (" WARDEN_EXT_MAIN_THREAD
                           "): it is shutting down or runs no main loop") {}
};

namespace detail {

// The thread the host runs callbacks on, once one has run (std::thread::id{} before).
inline std::atomic<std::thread::id>& main_thread_seen() {
  static std::atomic<std::thread::id> id{};
  return id;
}
inline bool& inside_main_thread_callback() {
  thread_local bool inside = false;
  return inside;
}

// One queued function, the payload of request_callback: [transferred to the callback].
struct MainThreadJob {
  const warden_host* host;
  std::function<void()> fn;

  static void run(void* data) noexcept {
    std::unique_ptr<MainThreadJob> job(static_cast<MainThreadJob*>(data));
    main_thread_seen().store(std::this_thread::get_id());
    bool& inside = inside_main_thread_callback();
    bool was_inside = std::exchange(inside, true);
    try {
      job->fn();
    } catch (const std::exception& e) {
      report(job->host, e.what());
    } catch (...) {
      report(job->host, "an unknown exception");
    }
    inside = was_inside;
  }
  static void report(const warden_host* host, const char* what) noexcept {
    if (!host || !host->log) return;
    try {
      std::string line = std::string("a main-thread function threw: ") + what;
      host->log(host, WARDEN_LOG_ERROR, line.c_str());
    } catch (...) {
    }
  }
};


}  // namespace detail

class MainThread {
 public:
  // Throws MainThreadMissing naming the extension when the host lacks it.
  explicit MainThread(const Host& host) : host_(host.raw()), ext_(lookup(host)) {
    if (!ext_)
      throw MainThreadMissing("this host (" + std::string(host.raw() ? host.name() : "none") + " " +
                              std::string(host.version()) + ") lacks the extension " WARDEN_EXT_MAIN_THREAD
                              ": this plugin cannot run code on the host's main (GTK) thread");
  }
  explicit MainThread(const warden_host* host) : MainThread(Host(host)) {}

  // The helper when the host has the extension, std::nullopt when it lacks it.
  static std::optional<MainThread> find(const Host& host) noexcept {
    const warden_host_main_thread* ext = lookup(host);
    if (!ext) return std::nullopt;
    return MainThread(host.raw(), ext);
  }
  static std::optional<MainThread> find(const warden_host* host) noexcept { return find(Host(host)); }

  // [any-thread] Queues `fn` to run once on the main thread, after what is queued before it.
  // false when the host refused: `fn` is then destroyed here, unrun.
  bool post(std::function<void()> fn) const {
    auto job = std::make_unique<detail::MainThreadJob>(detail::MainThreadJob{host_, std::move(fn)});
    if (ext_->request_callback(host_, &detail::MainThreadJob::run, job.get()) != 0) return false;
    job.release();  // the callback owns it now
    return true;
  }

  // [any-thread] Runs `fn` on the main thread; the future holds its result or its exception.
  // Throws MainThreadRefused when the host refused (fn never runs). Do not wait on the future
  // on the main thread.
  template <class F>
  auto run(F fn) const -> std::future<std::invoke_result_t<F&>> {
    using R = std::invoke_result_t<F&>;
    auto task = std::make_shared<std::packaged_task<R()>>(std::move(fn));
    std::future<R> result = task->get_future();
    if (!post([task] { (*task)(); })) throw MainThreadRefused();
    return result;
  }

  // [worker thread] Runs `fn` on the main thread, waits, and returns its result (or rethrows its
  // exception). Throws MainThreadRefused when the host refused. On the main thread it runs `fn`
  // right away.
  template <class F>
  auto call(F fn) const -> std::invoke_result_t<F&> {
    if (host_says_main_thread() || on_main_thread()) return fn();
    return run(std::move(fn)).get();
  }

  // Whether the calling thread is the host's main thread, as far as this plugin has seen: inside a
  // callback, or on the thread that ran one. false before any callback ran there.
  static bool on_main_thread() noexcept {
    if (detail::inside_main_thread_callback()) return true;
    std::thread::id seen = detail::main_thread_seen().load();
    return seen != std::thread::id{} && seen == std::this_thread::get_id();
  }

  const warden_host* host() const { return host_; }

  // Whether the host says the calling thread is its main thread (is_main_thread); false when the
  // host's revision of the extension predates that function.
  bool host_says_main_thread() const noexcept {
    constexpr std::size_t needed = offsetof(warden_host_main_thread, is_main_thread) + sizeof(ext_->is_main_thread);
    return ext_->struct_size >= needed && ext_->is_main_thread && ext_->is_main_thread(host_) == 1;
  }

 private:
  MainThread(const warden_host* host, const warden_host_main_thread* ext) noexcept : host_(host), ext_(ext) {}
  // The extension when the host has it (in a revision holding request_callback), else null.
  static const warden_host_main_thread* lookup(const Host& host) noexcept {
    const warden_host* raw = host.raw();
    if (!raw || raw->struct_size < WARDEN_HOST_MIN_STRUCT_SIZE) return nullptr;
    auto* ext = host.extension<warden_host_main_thread>(WARDEN_EXT_MAIN_THREAD);
    return ext && ext->request_callback ? ext : nullptr;
  }

  const warden_host* host_;
  const warden_host_main_thread* ext_;
};

// [any-thread] `fn` on the host's main thread, as a future (MainThread(host).run(fn)).
// Throws MainThreadMissing when the host lacks the extension, MainThreadRefused when it refuses.
template <class F>
auto run_on_main_thread(const Host& host, F fn) -> std::future<std::invoke_result_t<F&>> {
  return MainThread(host).run(std::move(fn));
}

}  // namespace warden

#endif /* WARDEN_MAIN_THREAD_HPP */
