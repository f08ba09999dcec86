// The window-state plugin: the commands @tauri-apps/plugin-window-state 2.4.1 invokes
// (plugin:window-state|save_window_state, restore_state, filename; docs/plugins/window-state.md),
// and Tauri's automatic part: every window not denied has its saved state restored when it is
// created, before it is first shown, and the states are written when the run ends.
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <warden/ext/windows.h>
#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include "plugin_config.hpp"
#include "saved_state.hpp"
#include "state_file.hpp"
#include "window_tracker.hpp"

namespace wsp = warden::window_state_plugin;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

struct Running {
  warden::Host host;
  const warden_host_windows* windows = nullptr;
  fs::path file;
  std::unique_ptr<wsp::WindowTracker> tracker;
  uint64_t subscription = 0;
};

Running*& running() {
  static Running* r = nullptr;
  return r;
}

Running& state() {
  if (!running()) throw std::runtime_error("the window-state plugin is not initialised");
  return *running();
}

uint32_t flags_arg(const json::value& args) {
  const json::value* v = args.is_object() ? args.get_object().if_contains("flags") : nullptr;
  if (!v || !(v->is_int64() || v->is_uint64()) || (v->is_int64() && v->get_int64() < 0))
    throw std::invalid_argument("argument 'flags' must be a whole number (StateFlags bits)");
  return wsp::state_flags(v->is_uint64() ? v->get_uint64() : uint64_t(v->get_int64()));
}

std::string label_arg(const json::value& args) {
  const json::value* v = args.is_object() ? args.get_object().if_contains("label") : nullptr;
  if (!v || !v->is_string()) throw std::invalid_argument("argument 'label' must be a window label (a string)");
  return std::string(v->get_string());
}

void write(Running& r, const wsp::SavedStates& states) { wsp::write_state_file(r.file, states); }

void on_window_event(void* data, const char* label, warden_window_event event) {
  static_cast<wsp::WindowTracker*>(data)->on_event(label, event);
}

void start(const warden::Host& host, const json::value& config) {
  wsp::PluginConfig parsed = wsp::parse_plugin_config(config);
  const auto* windows = host.extension<warden_host_windows>(WARDEN_EXT_WINDOWS);
  if (!windows)
    throw std::runtime_error("this host lacks warden.windows/1 (or an older revision of it): "
                             "the window-state plugin needs the app's windows");
  auto folder = host.resolve_path("$APPCONFIG");
  if (!folder) throw std::runtime_error("the host cannot say where $APPCONFIG is: no place for the state file");
  auto r = std::make_unique<Running>(Running{host, windows, fs::path(*folder) / parsed.filename, nullptr, 0});
  wsp::SavedStates saved = wsp::read_state_file(r->file, [&host](const std::string& m) { host.error(m); });
  r->tracker = std::make_unique<wsp::WindowTracker>(
      host.raw(), *windows, std::move(parsed), std::move(saved),
      [host](warden_log_level level, const std::string& m) { host.log(level, m); });
  // Outside a run (`warden plugin call`) there are no window events: the commands still answer.
  r->subscription = windows->subscribe_events(host.raw(), on_window_event, r->tracker.get());
  running() = r.release();
}

// Tauri saves at the app's exit; the windows are gone by then here, but the tracker followed each
// one to its end.
void stop() {
  std::unique_ptr<Running> r(std::exchange(running(), nullptr));
  if (!r) return;
  if (r->subscription) r->windows->unsubscribe_events(r->host.raw(), r->subscription);
  if (!r->subscription) return;  // not a run: nothing was tracked, leave the file as it is
  try {
    write(*r, r->tracker->snapshot());
  } catch (const std::exception& e) {
    r->host.error(std::string("the window states were not saved: ") + e.what());
  }
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init(start);
  plugin.on_shutdown(stop);

  plugin.command("save_window_state", [](const json::value& args, warden::Context& ctx) -> json::value {
    uint32_t flags = flags_arg(args);
    Running& r = state();
    wsp::SavedStates states =
        warden::MainThread(ctx.host()).call([&r, flags] { return r.tracker->update_open_windows(flags); });
    write(r, states);
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);

  plugin.command("restore_state", [](const json::value& args, warden::Context& ctx) -> json::value {
    std::string label = label_arg(args);
    uint32_t flags = flags_arg(args);
    Running& r = state();
    warden::MainThread(ctx.host()).call([&r, &label, flags] { r.tracker->restore(label, flags); });
    return nullptr;
  }, WARDEN_COMMAND_BLOCKING);

  plugin.command("filename", []() -> json::value { return json::string(state().tracker->config().filename); });
}
