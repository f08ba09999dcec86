#pragma once
// Tauri's window-state behaviour over warden.windows/1: each tracked window's state is restored
// when it is created (before it is first shown) and followed while it lives (its moves, sizes,
// maximized/fullscreen/visible changes, and everything at a close request), so that what is
// written at the end of the run is each window's last state even though the windows are gone by
// then. One tracker per run, fed by the host's window events. [main-thread] unless marked.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <warden/ext/windows.h>
#include <warden/plugin.h>

#include "plugin_config.hpp"
#include "saved_state.hpp"

namespace warden::window_state_plugin {

// A hostile page that may create windows could otherwise grow the file without end.
inline constexpr size_t kMaxTrackedWindows = 256;

class WindowTracker {
 public:
  using Log = std::function<void(warden_log_level, const std::string&)>;
  WindowTracker(const warden_host* host, const warden_host_windows& windows, PluginConfig config, SavedStates saved,
                Log log);

  // The host's window event (warden_window_event_callback).
  void on_event(const std::string& label, warden_window_event event);

  // Tauri's restore_state: applies the saved state of window `label` selected by `flags`, or,
  // with none saved, remembers its state now. Throws std::invalid_argument when no window by
  // that label is open.
  void restore(const std::string& label, uint32_t flags);

  // Tauri's save_window_state before writing: every open window with a saved entry takes its
  // state now (selected by `flags`). Returns what is to be written.
  SavedStates update_open_windows(uint32_t flags);

  // [any-thread] What is to be written now.
  SavedStates snapshot() const;

  const PluginConfig& config() const { return config_; }

 private:
  std::optional<warden_window_state> live(const std::string& label) const;
  bool tracked(const std::string& label);
  void follow(const std::string& label, warden_window_event event, const warden_window_state& now);

  const warden_host* host_;
  const warden_host_windows& windows_;
  const PluginConfig config_;
  Log log_;
  mutable std::mutex mutex_;  // states_: changed on the main thread, copied from any
  SavedStates states_;
  bool cap_reported_ = false;
};

}  // namespace warden::window_state_plugin
