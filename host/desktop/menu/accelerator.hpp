#pragma once
// Menu accelerators as Tauri writes them ("CmdOrCtrl+Shift+S", "Alt+F4", "Ctrl+="): modifiers
// first, then one key, joined by '+', any case. Parsed into a GDK key and modifiers for GTK menus
// (window menus register them in the window's GtkAccelGroup) and the tray's dbusmenu shortcut.
// [any-thread] Nothing here needs a display.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::desktop::menu {

struct Accelerator {
  unsigned key = 0;        // a GDK keyval (GDK_KEY_s, GDK_KEY_F5, ...); letters in lower case
  unsigned modifiers = 0;  // GdkModifierType bits: GDK_CONTROL_MASK, GDK_SHIFT_MASK, GDK_MOD1_MASK (Alt), GDK_SUPER_MASK
  bool operator==(const Accelerator&) const = default;
};

// The longest accelerator text accepted.
inline constexpr size_t kMaxAcceleratorLength = 128;

// Modifiers: Ctrl/Control, Shift, Alt/Option, Super/Cmd/Command/Meta, and CmdOrCtrl
// (CommandOrControl, CmdOrControl, CommandOrCtrl), which is Ctrl on Linux. Keys: A-Z (or KeyA),
// 0-9 (or Digit0), F1-F24, the named keys of Tauri's list (Space, Enter, Tab, Escape/Esc,
// Backspace, Delete, Insert, Home, End, PageUp, PageDown, ArrowUp/Up..., PrintScreen, ScrollLock,
// NumLock, CapsLock, Numpad0-9/Num0-9 and NumpadAdd..., VolumeUp/Down/Mute) and the punctuation
// ` \ [ ] , = - . ' ; / (or Backquote, Backslash, ...). nullopt with `error` naming what was wrong.
std::optional<Accelerator> parse_accelerator(std::string_view text, std::string& error);

// The shortcut as dbusmenu's `shortcut` property lists it: the modifiers ("Control", "Alt",
// "Shift", "Super") then the key's GDK name ("s", "F5", "Return").
std::vector<std::string> shortcut_parts(const Accelerator& accelerator);

}  // namespace warden::desktop::menu
