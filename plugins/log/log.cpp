// The log plugin: @tauri-apps/plugin-log's trace/debug/info/warn/error calls (plugin:log|log)
// go to the outputs configured in plugins.log (docs/plugins/log.md): the host's log (spdlog,
// stderr), a rotating file in the app's log folder ($APPLOG) or another folder, and the
// `log://log` event that the package's attachLogger/attachConsole listen to. Each record's target
// is "webview:<window label>", taken from the host's caller state, never from the message.
#include <memory>
#include <mutex>
#include <vector>

#include <warden/plugin.hpp>

#include "log_core.hpp"

namespace lg = warden::log_plugin;

namespace {

warden_log_level host_level(lg::Level l) {
  switch (l) {
    case lg::Level::trace: return WARDEN_LOG_TRACE;
    case lg::Level::debug: return WARDEN_LOG_DEBUG;
    case lg::Level::info: return WARDEN_LOG_INFO;
    case lg::Level::warn: return WARDEN_LOG_WARN;
    default: return WARDEN_LOG_ERROR;
  }
}

struct Output {
  lg::Target target;
  std::shared_ptr<lg::LogFile> file;  // log_dir / folder
};

struct State {
  lg::Config config;
  std::vector<Output> outputs;
};

std::unique_ptr<State>& state() {
  static std::unique_ptr<State> s;
  return s;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const boost::json::value& config) {
    auto s = std::make_unique<State>();
    s->config = lg::parse_config(config);
    for (const lg::Target& t : s->config.targets) {
      Output out{t, nullptr};
      if (t.kind == lg::TargetKind::log_dir || t.kind == lg::TargetKind::folder) {
        auto dir = host.resolve_path(t.kind == lg::TargetKind::log_dir ? "$APPLOG" : t.path);
        if (!dir || dir->empty() || dir->front() != '/')
          throw std::invalid_argument("plugins.log: cannot resolve the log folder '" +
                                      (t.kind == lg::TargetKind::log_dir ? std::string("$APPLOG") : t.path) + "'");
        // Default file name: the app identifier ($APPLOG is $DATA/<identifier>/logs).
        std::string name = t.file_name;
        if (name.empty()) name = std::filesystem::path(*dir).parent_path().filename().string();
        if (name.empty()) name = "app";
        out.file = std::make_shared<lg::LogFile>(*dir, name, s->config.max_file_size, s->config.max_files);
      }
      s->outputs.push_back(std::move(out));
    }
    state() = std::move(s);
  });
  plugin.on_shutdown([] { state().reset(); });

  plugin.command("log", [](const boost::json::value& args, warden::Context& ctx) {
    const State& s = *state();
    lg::Record record = lg::parse_log_args(args, ctx.window());
    s.config.check_limits(record);  // refused, not cut: a record without some key-values would mislead
    if (!s.config.accepts(record)) return;
    std::string line = lg::format_line(record, s.config.max_message_bytes);
    for (const Output& out : s.outputs) {
      if (!out.target.accepts(record)) continue;
      switch (out.target.kind) {
        case lg::TargetKind::console: ctx.host().log(host_level(record.level), line); break;
        case lg::TargetKind::log_dir:
        case lg::TargetKind::folder: out.file->write(record.level, line); break;
        case lg::TargetKind::webview:
          ctx.host().emit("log://log", boost::json::object{{"message", line}, {"level", static_cast<int>(record.level)}});
          break;
      }
    }
  });
}
