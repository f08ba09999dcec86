// The main-thread probe: a third-party-style plugin that needs GTK, which it may touch only on the
// host's main thread, and reaches it through warden.main-thread/1: the C++ helper from a blocking
// command (`theme`), the C ABI from a quick command (`theme_quick`). It counts every callback it
// asked for and, at shutdown, writes whether each one ran, on the main thread, before shutdown.
//
// Commands:
//   theme        [blocking] GTK's theme name, read on the main thread (MainThread::call).
//   theme_quick  [quick]    the same from a quick command: requests a callback through the C ABI
//                           and completes the call from it (a quick command must never wait).
//   where        [blocking] where a main-thread function runs, without touching GTK.
//   queue        [quick]    {"count": n}: n fire-and-forget callbacks; how many were accepted.
//   stats        [quick]    the counters of `queue`'s callbacks, and `hold`'s rounds.
//   hold         [blocking] asks for the main thread again and again until the host refuses (it
//                           shuts down); completes then. Shows that no worker waits forever at exit.
// Config: {"report": "<file>"} (optional): the shutdown report, JSON, written atomically.
#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <gtk/gtk.h>

namespace {

struct Probe {
  warden::Host host;
  std::thread::id init_thread;  // init runs on the main thread
  std::optional<warden::MainThread> main_thread;
  std::string report_file;
  std::atomic<int> accepted{0}, refused{0}, ran{0}, off_main_thread{0};
  std::atomic<int> hold_rounds{0};
  std::atomic<bool> hold_refused{false};
};

Probe& probe() {
  static Probe p;
  return p;
}

const warden::MainThread& main_thread() {
  if (!probe().main_thread) throw warden::MainThreadMissing("this host lacks the extension " WARDEN_EXT_MAIN_THREAD);
  return *probe().main_thread;
}

// Where the calling code runs: the host's GTK main context, and the thread init ran on.
boost::json::object where_am_i() {
  return {{"main_context_owner", g_main_context_is_owner(g_main_context_default()) == TRUE},
          {"init_thread", std::this_thread::get_id() == probe().init_thread}};
}

// A GTK call that belongs on the GTK thread; null when there is no default screen.
boost::json::value gtk_theme_name() {
  GtkSettings* settings = gtk_settings_get_default();
  if (!settings) return nullptr;
  gchar* name = nullptr;
  g_object_get(settings, "gtk-theme-name", &name, nullptr);
  boost::json::value out = name ? boost::json::value(name) : boost::json::value(nullptr);
  g_free(name);
  return out;
}

// `theme`: on a worker, asks the main thread and waits (the helper); refuses unless it ran there.
boost::json::object theme() {
  boost::json::object worker = where_am_i();
  boost::json::object there = main_thread().call([] {
    boost::json::object out = where_am_i();
    out["theme"] = gtk_theme_name();
    return out;
  });
  if (!there["main_context_owner"].as_bool() || !there["init_thread"].as_bool())
    throw std::runtime_error("the main-thread function ran off the main thread: " + boost::json::serialize(there));
  there["worker"] = worker;
  return there;
}

// `theme_quick` in C: the payload is the call's completion, [transferred to the callback].
struct QuickJob {
  const warden_host* host;
  warden_call* call;
};
void theme_quick_callback(void* data) {
  QuickJob* job = static_cast<QuickJob*>(data);
  try {
    boost::json::object out = where_am_i();
    out["theme"] = gtk_theme_name();
    std::string text = boost::json::serialize(out);
    job->host->resolve_json(job->call, text.data(), text.size());
  } catch (...) {
    job->host->reject(job->call, "theme_quick failed on the main thread");
  }
  delete job;
}
void theme_quick(warden::Context& ctx) {
  const warden_host* host = ctx.host().raw();
  auto* ext = ctx.host().extension<warden_host_main_thread>(WARDEN_EXT_MAIN_THREAD);
  if (!ext) throw warden::MainThreadMissing("this host lacks the extension " WARDEN_EXT_MAIN_THREAD);
  warden::Completion done = ctx.defer();
  auto* job = new QuickJob{host, ctx.request()->call};
  if (ext->request_callback(host, &theme_quick_callback, job) != 0) {
    delete job;  // refused: the payload stayed ours
    done.reject("the host refused a main-thread callback");
    return;
  }
  done.release();  // the callback completes the call
}

// `queue`: fire-and-forget callbacks, each owning a counter payload.
void count_callback() {
  Probe& p = probe();
  if (!(g_main_context_is_owner(g_main_context_default()) || std::this_thread::get_id() == p.init_thread))
    ++p.off_main_thread;
  ++p.ran;
}
boost::json::object queue(const boost::json::object& args) {
  const boost::json::value* count = args.if_contains("count");
  if (!count || !count->is_int64() || count->as_int64() < 0 || count->as_int64() > 10000)
    throw std::invalid_argument("queue needs 'count': 0..10000");
  int accepted = 0;
  for (std::int64_t i = 0; i < count->as_int64(); ++i) {
    if (main_thread().post(&count_callback)) {
      ++accepted;
      ++probe().accepted;
    } else {
      ++probe().refused;
    }
  }
  return {{"accepted", accepted}};
}

boost::json::object stats() {
  Probe& p = probe();
  return {{"accepted", p.accepted.load()},
          {"ran", p.ran.load()},
          {"refused", p.refused.load()},
          {"off_main_thread", p.off_main_thread.load()},
          {"hold_rounds", p.hold_rounds.load()}};
}

// `hold`: a worker that keeps waiting for the main thread, as a plugin's own thread might.
boost::json::object hold() {
  Probe& p = probe();
  for (;;) {
    try {
      main_thread().call([] { return 0; });
    } catch (const warden::MainThreadRefused&) {
      p.hold_refused = true;
      return {{"rounds", p.hold_rounds.load()}, {"ended_by", "refused"}};
    }
    ++p.hold_rounds;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // pacing only: not a measurement
  }
}

void write_report() {
  Probe& p = probe();
  // Shutdown runs on the main thread after the host closed the extension: a request is refused,
  // and the payload (on the stack here) stays ours.
  const warden_host* host = p.host.raw();
  auto* ext = p.host.extension<warden_host_main_thread>(WARDEN_EXT_MAIN_THREAD);
  int in_shutdown = ext ? ext->request_callback(host, [](void*) { ++probe().ran; }, nullptr) : -2;
  boost::json::object report = stats();
  report["request_in_shutdown"] = in_shutdown;
  report["hold_refused"] = p.hold_refused.load();
  report["shutdown_on_init_thread"] = std::this_thread::get_id() == p.init_thread;
  std::string text = boost::json::serialize(report);
  p.host.info("main-thread-probe shutdown: " + text);
  if (p.report_file.empty()) return;
  std::string tmp = p.report_file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << text << '\n';
    if (!out.flush()) return p.host.error("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), p.report_file.c_str()) != 0) p.host.error("cannot rename " + tmp);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const boost::json::value& config) {
    Probe& p = probe();
    p.host = host;
    p.init_thread = std::this_thread::get_id();
    for (const auto& [key, value] : config.as_object()) {
      if (key != "report" || !value.is_string())
        throw std::invalid_argument("main-thread-probe: unknown config key '" + std::string(key) +
                                    "' (known: \"report\", a file path)");
      p.report_file = std::string(value.as_string());
    }
    // Without the extension the plugin still loads: its other commands work, the GTK ones fail
    // with MainThreadMissing's message.
    p.main_thread = warden::MainThread::find(host);
    if (!p.main_thread) host.warn("no " WARDEN_EXT_MAIN_THREAD ": theme, where, queue and hold will fail");
  });
  plugin.on_shutdown([] { write_report(); });
  plugin.command("theme", [] { return theme(); }, WARDEN_COMMAND_BLOCKING);
  plugin.command("theme_quick", [](warden::Context& ctx) { theme_quick(ctx); });
  plugin.command("where", [] {
    boost::json::object worker = where_am_i();
    boost::json::object there = main_thread().call([] { return where_am_i(); });
    there["worker"] = worker;
    return there;
  }, WARDEN_COMMAND_BLOCKING);
  plugin.command("queue", [](const boost::json::object& args) { return queue(args); });
  plugin.command("stats", [] { return stats(); });
  plugin.command("hold", [] { return hold(); }, WARDEN_COMMAND_BLOCKING);
}
