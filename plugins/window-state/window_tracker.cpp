#include "window_tracker.hpp"

#include <stdexcept>

#include "monitors.hpp"

namespace warden::window_state_plugin {

WindowTracker::WindowTracker(const warden_host* host, const warden_host_windows& windows, PluginConfig config,
                             SavedStates saved, Log log)
    : host_(host), windows_(windows), config_(std::move(config)), log_(std::move(log)), states_(std::move(saved)) {}

std::optional<warden_window_state> WindowTracker::live(const std::string& label) const {
  warden_window_state s{};
  s.struct_size = sizeof s;
  if (windows_.get_state(host_, label.c_str(), &s) != 0) return std::nullopt;
  return s;
}

namespace {

// Tauri's update_state: what `flags` selects of the window's state now. Size and position are
// kept while the window is maximized or minimized (those are not the geometry to come back to).
void take(SavedState& s, const warden_window_state& now, uint32_t flags) {
  bool maximized = (flags & (kMaximized | kPosition | kSize)) && now.maximized;
  bool minimized = (flags & (kPosition | kSize)) && now.minimized;
  if (flags & kMaximized) s.maximized = maximized;
  if (flags & kFullscreen) s.fullscreen = now.fullscreen;
  if (flags & kDecorations) s.decorated = now.decorated;
  if (flags & kVisible) s.visible = now.visible;
  if ((flags & kSize) && !maximized && !minimized && now.width > 0 && now.height > 0) {
    s.width = now.width;
    s.height = now.height;
  }
  if ((flags & kPosition) && !maximized && !minimized) {
    s.x = now.x;
    s.y = now.y;
  }
}

// Tauri's restore of a first-seen window: its state now becomes its entry.
SavedState first_seen(const warden_window_state& now, uint32_t flags) {
  SavedState s;
  if (flags & kSize) s.width = now.width, s.height = now.height;
  if (flags & kPosition) s.x = now.x, s.y = now.y;
  if (flags & kMaximized) s.maximized = now.maximized;
  if (flags & kVisible) s.visible = now.visible;
  if (flags & kDecorations) s.decorated = now.decorated;
  if (flags & kFullscreen) s.fullscreen = now.fullscreen;
  return s;
}

}  // namespace

bool WindowTracker::tracked(const std::string& label) {
  if (config_.denylist.contains(label)) return false;
  std::lock_guard lock(mutex_);
  if (states_.contains(label) || states_.size() < kMaxTrackedWindows) return true;
  if (!cap_reported_) {
    cap_reported_ = true;
    log_(WARDEN_LOG_WARN, "window '" + label + "' and later new windows are not tracked: " +
                              std::to_string(kMaxTrackedWindows) + " window states are kept at most");
  }
  return false;
}

void WindowTracker::restore(const std::string& label, uint32_t flags) {
  auto now = live(label);
  if (!now) throw std::invalid_argument("Couldn't find window with label: " + label);
  warden_window_state apply{};
  apply.struct_size = sizeof apply;
  uint32_t fields = 0;
  // Only a remembered state shows a window. Without one the window keeps what its config says:
  // Warden loads every plugin of a folder for every app, so a hidden window (`visible: false`) of
  // an app that never used window-state must stay hidden (Tauri shows it, see docs).
  bool show = false;
  {
    std::lock_guard lock(mutex_);
    auto it = states_.find(label);
    if (it != states_.end() && it->second != SavedState{}) {
      const SavedState& s = it->second;
      if (flags & kDecorations) apply.decorated = s.decorated, fields |= WARDEN_WINDOW_STATE_DECORATIONS;
      // Only onto a monitor that is there now; otherwise the window manager places it.
      if ((flags & kPosition) && touches_a_monitor(s.x, s.y, s.width, s.height)) {
        apply.x = s.maximized ? s.prev_x : s.x;
        apply.y = s.maximized ? s.prev_y : s.y;
        fields |= WARDEN_WINDOW_STATE_POSITION;
      }
      if (flags & kSize) apply.width = s.width, apply.height = s.height, fields |= WARDEN_WINDOW_STATE_SIZE;
      if ((flags & kMaximized) && s.maximized) apply.maximized = 1, fields |= WARDEN_WINDOW_STATE_MAXIMIZED;
      if (flags & kFullscreen) apply.fullscreen = s.fullscreen, fields |= WARDEN_WINDOW_STATE_FULLSCREEN;
      show = s.visible;
    } else {
      states_[label] = first_seen(*now, flags);
    }
  }
  // A saved size of 0 (a state saved without SIZE) is not a size to give a window.
  if ((fields & WARDEN_WINDOW_STATE_SIZE) && (apply.width == 0 || apply.height == 0)) fields &= ~WARDEN_WINDOW_STATE_SIZE;
  if (fields && windows_.set_state(host_, label.c_str(), &apply, fields) != 0)
    throw std::invalid_argument("Couldn't find window with label: " + label);
  if ((flags & kVisible) && show) {
    apply.visible = 1;
    windows_.set_state(host_, label.c_str(), &apply, WARDEN_WINDOW_STATE_VISIBLE);
  }
}

void WindowTracker::follow(const std::string& label, warden_window_event event, const warden_window_state& now) {
  const uint32_t flags = config_.state_flags;
  std::lock_guard lock(mutex_);
  auto it = states_.find(label);
  if (it == states_.end()) return;
  SavedState& s = it->second;
  switch (event) {
    case WARDEN_WINDOW_MOVED:
      // prev_x/prev_y is where a maximized window goes back to. Tauri takes the position before
      // the last move; a window manager may move a window twice while maximizing it (openbox:
      // once for its frame, once to the corner), so here it is the last position the window had
      // while neither maximized nor minimized (GTK knows the maximized state before those moves).
      if ((flags & kPosition) && !now.minimized) {
        if (!now.maximized) s.prev_x = now.x, s.prev_y = now.y;
        s.x = now.x, s.y = now.y;
      }
      break;
    case WARDEN_WINDOW_RESIZED:
      if ((flags & kSize) && !now.minimized && !now.maximized && now.width > 0 && now.height > 0)
        s.width = now.width, s.height = now.height;
      break;
    case WARDEN_WINDOW_STATE_CHANGED:
      // What Tauri reads from the live window at exit; here the windows are gone by then.
      take(s, now, flags & (kMaximized | kFullscreen | kVisible | kDecorations));
      break;
    case WARDEN_WINDOW_CLOSE_REQUESTED:
      take(s, now, flags);
      break;
    default:
      break;
  }
}

void WindowTracker::on_event(const std::string& label, warden_window_event event) {
  if (event == WARDEN_WINDOW_DESTROYED || !tracked(label)) return;
  if (event == WARDEN_WINDOW_CREATED) {
    if (!config_.skip_initial.contains(label)) {
      try {
        restore(label, config_.state_flags);
      } catch (const std::exception& e) {
        log_(WARDEN_LOG_WARN, "window '" + label + "': its state was not restored: " + e.what());
      }
    }
    std::lock_guard lock(mutex_);
    states_.try_emplace(label);  // tracked from now on, even with nothing restored
    return;
  }
  if (auto now = live(label)) follow(label, event, *now);
}

SavedStates WindowTracker::update_open_windows(uint32_t flags) {
  std::vector<std::string> labels;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [label, _] : states_) labels.push_back(label);
  }
  for (const std::string& label : labels) {
    auto now = live(label);
    if (!now) continue;  // not open: its entry stays as it was saved
    std::lock_guard lock(mutex_);
    take(states_[label], *now, flags);
  }
  return snapshot();
}

SavedStates WindowTracker::snapshot() const {
  std::lock_guard lock(mutex_);
  return states_;
}

}  // namespace warden::window_state_plugin
