// The good test plugin: every feature of the C++ wrapper, one command each.
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include <warden/plugin.hpp>

namespace {

struct EchoArgs {
  std::string value;
};
BOOST_DESCRIBE_STRUCT(EchoArgs, (), (value))

struct PathArgs {
  std::string path;
};
BOOST_DESCRIBE_STRUCT(PathArgs, (), (path))

boost::json::value g_config;

// Threads that complete calls later: joined at shutdown, before the host unloads this library,
// since a thread still returning through its code after completing would crash the host.
std::mutex g_threads_mutex;
std::vector<std::thread> g_threads;
template <class F>
void later(F&& work) {
  std::lock_guard lock(g_threads_mutex);
  g_threads.emplace_back(std::forward<F>(work));
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const boost::json::value& config) {
    g_config = config;
    host.info("test-good initialised");
  });
  plugin.on_shutdown([] {
    std::lock_guard lock(g_threads_mutex);
    for (auto& t : g_threads) t.join();
    g_threads.clear();
  });
  plugin.command("echo", [](const EchoArgs& args) { return boost::json::object{{"value", args.value}}; });
  plugin.command("fail", [](const boost::json::object&) -> int { throw std::runtime_error("boom: the command failed"); });
  plugin.command("throw_unknown", []() { throw 42; });
  // Scope refusals: thrown, and completed later from another thread.
  plugin.command("refuse", [](const PathArgs& args) -> int {
    throw warden::ScopeRefused("'" + args.path + "' is outside the allowed scope $HOME/**");
  });
  plugin.command("refuse_later", [](const PathArgs& args, warden::Context& ctx) {
    later([done = ctx.defer(), path = args.path]() mutable {
      done.reject_scope("'" + path + "' is denied by $HOME/.ssh/**");
    });
  });
  plugin.command("bytes", [](warden::Context& ctx) {
    warden::Bytes out(ctx.body().rbegin(), ctx.body().rend());
    return out;
  }, WARDEN_COMMAND_BLOCKING);
  plugin.command("async", [](const EchoArgs& args, warden::Context& ctx) {
    later([done = ctx.defer(), value = args.value]() mutable {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      done.resolve(boost::json::object{{"later", value}});
    });
  });
  plugin.command("context", [](warden::Context& ctx) {
    return boost::json::object{{"window", std::string(ctx.window())},
                               {"webview", std::string(ctx.webview())},
                               {"origin", std::string(ctx.origin())},
                               {"has_body", ctx.has_body()},
                               {"scopes", ctx.scopes()}};
  });
  plugin.command("config", []() { return g_config; });
  plugin.command("emit", [](const EchoArgs& args, warden::Context& ctx) {
    return ctx.host().emit("test-event", boost::json::object{{"value", args.value}});
  });
  plugin.command("resolve", [](const PathArgs& args, warden::Context& ctx) -> boost::json::value {
    auto p = ctx.host().resolve_path(args.path);
    if (!p) return nullptr;
    return boost::json::value(*p);
  });
  plugin.command("in_scope", [](const PathArgs& args, warden::Context& ctx) { return ctx.path_in_scope(args.path); });
  plugin.command("drop", [](warden::Context& ctx) { auto lost = ctx.defer(); });
  // The parsed arguments themselves, handed back: an object parameter taken by value.
  plugin.command("take", [](boost::json::object args) {
    args["taken"] = true;
    return args;
  });
  // Arguments converted to a struct and taken by value (moved in).
  plugin.command("shout", [](EchoArgs args) {
    args.value += "!";
    return boost::json::object{{"value", std::move(args.value)}};
  });
}
