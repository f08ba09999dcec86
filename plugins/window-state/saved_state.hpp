#pragma once
// One window's state as Tauri's window-state plugin keeps it and writes it to its file (the same
// JSON members, so a state file moves between the two): physical pixels, the inner size, the
// outer position, and the position before the last move (what a maximized window goes back to).
#include <cstdint>
#include <map>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace warden::window_state_plugin {

// Tauri's StateFlags, the same bits as warden.windows/1's WARDEN_WINDOW_STATE_*.
enum StateFlag : uint32_t {
  kSize = 1u << 0,
  kPosition = 1u << 1,
  kMaximized = 1u << 2,
  kVisible = 1u << 3,
  kDecorations = 1u << 4,
  kFullscreen = 1u << 5,
};
inline constexpr uint32_t kAllFlags = (1u << 6) - 1;

// Tauri's StateFlags::from_bits: `bits` with no bit outside kAllFlags. Throws
// std::invalid_argument naming the bits otherwise.
uint32_t state_flags(uint64_t bits);

struct SavedState {
  uint32_t width = 0;
  uint32_t height = 0;
  int32_t x = 0;
  int32_t y = 0;
  int32_t prev_x = 0;  // the position before the last move: where a maximized window was
  int32_t prev_y = 0;
  bool maximized = false;
  bool visible = true;
  bool decorated = true;
  bool fullscreen = false;

  bool operator==(const SavedState&) const = default;
};

// Every window's state by label (a mapped label, see Tauri's map_label: here the label itself).
using SavedStates = std::map<std::string, SavedState>;

// The file's JSON: {"<label>": {"width": ..., ...}, ...}, pretty-printed as Tauri writes it.
std::string to_file_json(const SavedStates& states);
// Parses the file's JSON. Throws std::invalid_argument naming the label and member that are
// missing, of the wrong type or out of range (a damaged file is not half read).
SavedStates from_file_json(const boost::json::value& file);

}  // namespace warden::window_state_plugin
