#pragma once
// The state file ($APPCONFIG/<filename>, Tauri's app_config_dir and `.window-state.json` by
// default): read once at init, written whole and atomically (a temporary file in the same folder,
// flushed to disk, renamed over the old one), so a crash mid-write leaves the old file or the new
// one, never half of one. Its path comes from the app config and the host, never from a page.
#include <filesystem>
#include <functional>
#include <string>

#include "saved_state.hpp"

namespace warden::window_state_plugin {

// Larger than any honest file (a few hundred bytes per window): a bigger one is damaged.
inline constexpr std::uintmax_t kMaxStateFileBytes = 4 * 1024 * 1024;

// The states in `file`; none when it does not exist. A file that cannot be read or parsed is
// reported through `report` (why, naming the file) and read as none: the windows then open with
// their configured geometry, and the next save replaces it.
SavedStates read_state_file(const std::filesystem::path& file, const std::function<void(const std::string&)>& report);

// Writes `states` to `file` (0600), making its folder (0700) when it is missing. Throws std::runtime_error
// naming the file and the system's reason.
void write_state_file(const std::filesystem::path& file, const SavedStates& states);

}  // namespace warden::window_state_plugin
