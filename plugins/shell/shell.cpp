// The shell plugin (@tauri-apps/plugin-shell): execute, spawn, stdin_write, kill and open
// (docs/plugins/shell.md). A page names a scope entry, never a program path; the entry's cmd is
// found on disk by the host's rules, and runs through uv_spawn with no shell in between, on the
// plugin's own libuv loop. A page can write to and kill only the children it spawned (its own
// frame's origin, in its own page: another frame, or the next document in the same webview,
// cannot), and every child is terminated when its page goes away or the plugin shuts down.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <warden/plugin.hpp>

#include "child_guard.hpp"
#include "child_limits.hpp"
#include "command_options.hpp"
#include "open_config.hpp"
#include "open_links_script.hpp"
#include "output_decoder.hpp"
#include "process_loop.hpp"
#include "program_path.hpp"
#include "shell_scope.hpp"

namespace json = boost::json;
namespace sh = warden::shell_plugin;

namespace {

// execute collects the whole output in memory: past this much the child is terminated.
constexpr std::size_t kMaxExecuteOutput = 64u << 20;

struct State {
  sh::OpenConfig open;
  std::shared_ptr<sh::ProcessLoop> loop;
  std::shared_ptr<sh::ChildLimits> limits;  // children running at once, per page and per app
  std::mutex mutex;
  // Guards of each caller's children (by caller_key), closed once their child has ended.
  std::map<std::string, std::vector<std::pair<std::uint32_t, std::shared_ptr<sh::ChildLink>>>, std::less<>> guards;
};

// The guards list a caller's children are in: its webview and frame origin. (Its page is the
// host's to tell apart: a guard of an earlier page is no resource of a later one.)
std::string caller_key(const warden::Context& ctx) {
  return std::string(ctx.webview()) + '\n' + std::string(ctx.origin());
}

// What a page handle's owner is: its guard, which only its own page and origin can look up.
std::string guard_owner(std::uint32_t rid) { return "guard:" + std::to_string(rid); }

State*& state() {
  static State* s = nullptr;
  return s;
}

State& current() {
  State* s = state();
  if (!s) throw std::runtime_error("the shell plugin is not initialised");
  return *s;
}

const json::value* field(const json::object& args, std::string_view key) { return args.if_contains(key); }

// A command whose sh::ScopeError (a refusal or a malformed scope entry) becomes a scope refusal:
// the SDK logs the detail to the audit log and shows the page only a generic error in release
// builds (issue 12, finding 8).
template <class Command>
auto refusing_by_scope(Command command) {
  return [command](const json::object& args, warden::Context& ctx) {
    try {
      command(args, ctx);
    } catch (const sh::ScopeError& e) {
      throw warden::ScopeRefused(e.what());
    }
  };
}

// options.cwd made canonical (symlinks resolved, so the folder checked is the folder the child
// gets), when it is an existing folder that the entry's cwd patterns cover by the host's path
// scope rules ($VAR expansion, globs, dot-files only when named).
std::optional<std::string> cwd_in_scope(const warden::Host& host, const std::string& cwd,
                                        const std::vector<std::string>& patterns) {
  std::error_code ec;
  std::filesystem::path folder = std::filesystem::canonical(cwd, ec);
  if (ec || !std::filesystem::is_directory(folder, ec) || ec) return std::nullopt;
  json::array allow;
  for (const std::string& p : patterns) allow.emplace_back(p);
  if (!host.path_in_scope(folder.string(), json::serialize(json::object{{"allow", std::move(allow)}})))
    return std::nullopt;
  return folder.string();
}

// The child that the page's program, args and options describe, once the scope allows it.
sh::ChildSpec prepare(const json::object& args, const warden::Context& ctx, sh::CommandOptions& options) {
  const json::value* program = field(args, "program");
  if (!program || !program->is_string()) throw std::invalid_argument("'program' must be a string");
  std::vector<std::string> page_args = sh::parse_page_args(field(args, "args"));
  options = sh::parse_command_options(field(args, "options"));
  if (options.sidecar) throw std::invalid_argument("sidecar programs are not supported by Warden's shell plugin");
  sh::ShellScope scope = sh::parse_shell_scope(ctx.scopes());
  const warden::Host& host = ctx.host();
  sh::AuthorizedCommand command =
      sh::authorize(scope, std::string(program->as_string()), page_args, options,
                    [&host](const std::string& cwd, const std::vector<std::string>& patterns) {
                      return cwd_in_scope(host, cwd, patterns);
                    });
  sh::ChildSpec spec;
  try {
    spec.file = sh::resolve_program(command.cmd, sh::host_search_path(),
                                    [&host](const std::string& p) { return host.resolve_path(p); });
  } catch (const std::exception& e) {
    throw std::runtime_error("scope entry '" + command.entry + "': " + e.what());
  }
  spec.argv.push_back(command.cmd.front() == '$' ? spec.file : command.cmd);
  for (auto& a : command.args) spec.argv.push_back(std::move(a));
  spec.env = sh::child_environment(options, sh::host_environment());
  spec.cwd = command.cwd;
  return spec;
}

struct GuardedChild {
  std::shared_ptr<sh::ChildLink> link;
  std::string owner;  // the ChildSpec::owner of a child the page may write to and kill
};

// Makes the new child a resource of the caller, after closing the guards of the caller's
// children that have ended. Refuses when the host keeps no resource for the caller (its page is
// already gone, or a host without a resource table): no child may outlive its page.
GuardedChild guard_child(State& s, warden::Context& ctx) {
  auto link = std::make_shared<sh::ChildLink>(s.loop);
  std::string key = caller_key(ctx);
  std::vector<std::uint32_t> ended;
  {
    std::lock_guard lock(s.mutex);
    auto& list = s.guards[key];
    for (auto it = list.begin(); it != list.end();) {
      if (it->second->ended()) {
        ended.push_back(it->first);
        it = list.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (std::uint32_t rid : ended) ctx.close_resource(rid);
  std::uint32_t rid = 0;
  try {
    rid = ctx.add_resource(std::make_shared<sh::ChildGuard>(link));
  } catch (const std::exception& e) {
    ctx.host().log(WARDEN_LOG_INFO, std::string("shell: no guard for a child of a page: ") + e.what());
    throw std::runtime_error("the child was not started: the page that asked for it is gone");
  }
  std::lock_guard lock(s.mutex);
  s.guards[key].emplace_back(rid, link);
  return {link, guard_owner(rid)};
}

// The owner of child `pid` when the caller spawned it: the guard of that running child is a
// resource of the caller's own page and origin. "" (no child's owner) otherwise.
std::string owner_of_child(State& s, const warden::Context& ctx, int pid) {
  std::vector<std::uint32_t> candidates;
  {
    std::lock_guard lock(s.mutex);
    auto it = s.guards.find(caller_key(ctx));
    if (it == s.guards.end()) return "";
    for (const auto& [rid, link] : it->second)
      if (link->runs_as(pid)) candidates.push_back(rid);
  }
  for (std::uint32_t rid : candidates) {
    try {
      if (ctx.resource<sh::ChildGuard>(rid)) return guard_owner(rid);
    } catch (const std::exception&) {
      return "";  // a host without a resource table: no page handles
    }
  }
  return "";
}

json::value exit_payload(const sh::ExitStatus& st) {
  json::object o;
  o["code"] = st.code ? json::value(*st.code) : json::value(nullptr);
  o["signal"] = st.signal ? json::value(*st.signal) : json::value(nullptr);
  return o;
}

void execute_command(const json::object& args, warden::Context& ctx) {
  State& s = current();
  sh::CommandOptions options;
  sh::ChildSpec spec = prepare(args, ctx, options);
  auto slot = s.limits->reserve(std::string(ctx.webview()));  // refused past the caps
  auto decoder = sh::OutputDecoder::for_encoding(options.encoding);
  auto [link, owner] = guard_child(s, ctx);
  spec.owner = owner;

  struct Collected {
    std::string out, err;
    std::uint64_t serial = 0;
    bool overflow = false;
  };
  auto collected = std::make_shared<Collected>();
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  sh::ChildEvents events;
  std::weak_ptr<sh::ProcessLoop> loop = s.loop;
  events.output = [collected, loop](bool is_err, std::string_view bytes) {
    if (collected->overflow) return;
    (is_err ? collected->err : collected->out).append(bytes);
    if (collected->out.size() + collected->err.size() > kMaxExecuteOutput) {
      collected->overflow = true;
      if (auto l = loop.lock()) l->terminate(collected->serial);
    }
  };
  events.exited = [collected, decoder, done, link](const sh::ExitStatus& st) {
    link->exited();
    if (collected->overflow)
      return done->reject("the program wrote more than " + std::to_string(kMaxExecuteOutput >> 20) +
                          " MiB of output; it was terminated");
    json::object result = exit_payload(st).as_object();
    result["stdout"] = decoder.decode(collected->out);
    result["stderr"] = decoder.decode(collected->err);
    done->resolve(result);
  };
  events = sh::releasing_on_exit(std::move(slot), std::move(events));
  s.loop->spawn(std::move(spec), std::move(events), [collected, done, link](const sh::Started& started) {
    if (!started.error.empty()) {
      link->exited();
      return done->reject(started.error);
    }
    collected->serial = started.serial;
    link->started(started.serial, started.pid);
  });
}

void spawn_command(const json::object& args, warden::Context& ctx) {
  State& s = current();
  sh::CommandOptions options;
  sh::ChildSpec spec = prepare(args, ctx, options);
  auto slot = s.limits->reserve(std::string(ctx.webview()));  // refused past the caps
  spec.stdin_pipe = true;
  spec.page_handle = true;
  auto decoder = sh::OutputDecoder::for_encoding(options.encoding);
  const json::value* on_event = field(args, "onEvent");
  if (!on_event || !on_event->is_string()) throw std::invalid_argument("'onEvent' must be a Channel");
  auto channel = std::make_shared<warden::Channel>(ctx.open_channel(on_event->as_string()));
  auto [link, owner] = guard_child(s, ctx);
  spec.owner = owner;

  struct Lines {
    sh::LineSplitter out, err;
  };
  auto lines = std::make_shared<Lines>();
  auto send = [channel, decoder](bool is_err, std::string_view bytes) {
    channel->send(json::object{{"event", is_err ? "Stderr" : "Stdout"}, {"payload", decoder.decode(bytes)}});
  };
  sh::ChildEvents events;
  events.output = [lines, send, decoder](bool is_err, std::string_view bytes) {
    if (decoder.raw()) return send(is_err, bytes);
    for (const std::string& line : (is_err ? lines->err : lines->out).feed(bytes)) send(is_err, line);
  };
  events.exited = [lines, send, channel, link, decoder](const sh::ExitStatus& st) {
    link->exited();
    if (!decoder.raw()) {
      if (auto rest = lines->out.finish()) send(false, *rest);
      if (auto rest = lines->err.finish()) send(true, *rest);
    }
    channel->send(json::object{{"event", "Terminated"}, {"payload", exit_payload(st)}});
    channel->close();
  };
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  events = sh::releasing_on_exit(std::move(slot), std::move(events));
  s.loop->spawn(std::move(spec), std::move(events), [done, link](const sh::Started& started) {
    if (!started.error.empty()) {
      link->exited();
      return done->reject(started.error);
    }
    link->started(started.serial, started.pid);
    done->resolve(started.pid);
  });
}

int page_pid(const json::object& args) {
  const json::value* pid = field(args, "pid");
  if (!pid || !pid->is_number()) throw std::invalid_argument("'pid' must be a number");
  std::int64_t n = 0;
  try {
    n = pid->to_number<std::int64_t>();
  } catch (const std::exception&) {
    throw std::invalid_argument("'pid' must be a whole number");
  }
  if (n <= 0 || n > 0x7fffffff) throw std::invalid_argument("'pid' must be a positive process id");
  return static_cast<int>(n);
}

// `buffer`: a string, or an array of byte values (what Child.write sends for a byte array).
std::string page_bytes(const json::object& args, const warden::Context& ctx) {
  if (ctx.has_body()) return std::string(ctx.body().begin(), ctx.body().end());
  const json::value* buffer = field(args, "buffer");
  if (buffer && buffer->is_string()) return std::string(buffer->as_string());
  if (!buffer || !buffer->is_array()) throw std::invalid_argument("'buffer' must be a string or an array of bytes");
  std::string out;
  for (const json::value& b : buffer->as_array()) {
    if (!b.is_number()) throw std::invalid_argument("'buffer' must hold byte values 0-255");
    std::int64_t v = -1;
    try {
      v = b.to_number<std::int64_t>();
    } catch (const std::exception&) {
    }
    if (v < 0 || v > 255) throw std::invalid_argument("'buffer' must hold byte values 0-255");
    out.push_back(static_cast<char>(v));
  }
  return out;
}

std::function<void(std::string)> settle(std::shared_ptr<warden::Completion> done) {
  return [done](const std::string& error) {
    if (error.empty()) done->resolve(nullptr);
    else done->reject(error);
  };
}

void stdin_write_command(const json::object& args, warden::Context& ctx) {
  State& s = current();
  int pid = page_pid(args);
  std::string bytes = page_bytes(args, ctx);
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  s.loop->write_stdin(pid, owner_of_child(s, ctx, pid), std::move(bytes), settle(done));
}

void kill_command(const json::object& args, warden::Context& ctx) {
  State& s = current();
  int pid = page_pid(args);
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  s.loop->kill(pid, owner_of_child(s, ctx, pid), settle(done));
}

void open_command(const json::object& args, warden::Context& ctx) {
  State& s = current();
  const json::value* path = field(args, "path");
  if (!path || !path->is_string()) throw std::invalid_argument("'path' must be a string");
  std::string target(path->as_string());
  sh::check_open_path(s.open, target);
  std::optional<std::string> with;
  if (const json::value* w = field(args, "with"); w && !w->is_null()) {
    if (!w->is_string()) throw std::invalid_argument("'with' must be a string");
    with = std::string(w->as_string());
  }
  std::vector<std::string> command = sh::opener_command(s.open, with);
  const warden::Host& host = ctx.host();
  sh::ChildSpec spec;
  spec.file = sh::resolve_program(command.front(), sh::host_search_path(),
                                  [&host](const std::string& p) { return host.resolve_path(p); });
  spec.argv = command;
  spec.argv.push_back(target);
  spec.env = sh::host_environment();
  spec.capture_output = false;
  spec.supervised = false;  // what it opens belongs to the user, not to this app's lifetime
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  s.loop->spawn(std::move(spec), {}, [done](const sh::Started& started) {
    if (started.error.empty()) done->resolve(nullptr);
    else done->reject(started.error);
  });
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host&, const json::value& config) {
    auto s = std::make_unique<State>();
    s->open = sh::parse_open_config(config);
    s->loop = std::make_shared<sh::ProcessLoop>();
    s->limits = sh::ChildLimits::create(sh::parse_child_caps(config));
    state() = s.release();
  });
  plugin.init_script([] { return sh::open_links_script(); });
  plugin.on_shutdown([] {
    std::unique_ptr<State> s(std::exchange(state(), nullptr));
    if (s) s->loop->shutdown();
  });
  // execute, spawn and open match page strings against regexes and look programs up on disk:
  // blocking, so they run on the host's worker pool, never on the UI thread.
  plugin.command("execute", refusing_by_scope(execute_command), WARDEN_COMMAND_BLOCKING);
  plugin.command("spawn", refusing_by_scope(spawn_command), WARDEN_COMMAND_BLOCKING);
  plugin.command("open", refusing_by_scope(open_command), WARDEN_COMMAND_BLOCKING);
  plugin.command("stdin_write", stdin_write_command);
  plugin.command("kill", kill_command);
}
