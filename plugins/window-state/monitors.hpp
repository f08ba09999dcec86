#pragma once
// Where the monitors are, as Tauri's window-state asks before restoring a position: a saved
// position is restored only when the saved window would touch a monitor that exists now.
#include <cstdint>

namespace warden::window_state_plugin {

// [main-thread] Does a corner of the rectangle (physical pixels: position and size) lie on one of
// the default display's monitors (each in physical pixels: GDK's geometry times its scale)?
// Tauri's Monitor::intersects over every available monitor.
bool touches_a_monitor(int32_t x, int32_t y, uint32_t width, uint32_t height);

}  // namespace warden::window_state_plugin
