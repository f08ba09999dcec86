#pragma once
// A window's state as warden.windows/1 hands it to plugins (sdk/include/warden/ext/windows.h,
// warden_window_state): what Tauri's window-state plugin saves, read and applied the way the
// window commands read and set it, in physical pixels.
#include <cstdint>

#include "warden/ext/windows.h"

typedef struct _GtkWindow GtkWindow;

namespace warden::desktop {

// [main-thread] The state of `window` now (struct_size: the host's).
warden_window_state read_window_state(GtkWindow* window);

// [main-thread] Applies the fields of `state` that `fields` (WARDEN_WINDOW_STATE_* bits) selects,
// in the order Tauri's window-state restores them. `fields` must hold only those bits (checked
// by the caller).
void apply_window_state(GtkWindow* window, const warden_window_state& state, uint32_t fields);

// Every WARDEN_WINDOW_STATE_* bit.
inline constexpr uint32_t kAllWindowStateFields = (1u << 6) - 1;

}  // namespace warden::desktop
