#pragma once
// Shortcuts as Tauri's global-shortcut plugin reads them (the global-hotkey crate's grammar, not
// the menu accelerators of host/desktop/menu/accelerator.*, which a plugin cannot use): modifiers
// first, then exactly one key, joined by '+', each token trimmed and compared without case.
//   modifiers  Shift; Control, Ctrl; Alt, Option; Super, Meta, Command, Cmd;
//              CommandOrControl, CommandOrCtrl, CmdOrCtrl, CmdOrControl (Control off macOS)
//   keys       W3C key codes (KeyA, Digit1, ArrowUp, F5, NumpadAdd, ...) and their short
//              forms (A, 1, Up, Esc, Num5, "-", "=", ",", ".", "/", ";", "'", "[", "]", "\", "`")
#include <cstdint>
#include <string>
#include <string_view>

namespace warden::global_shortcut {

enum Modifier : uint32_t {
  kShift = 1u << 0,
  kControl = 1u << 1,
  kAlt = 1u << 2,
  kMeta = 1u << 3,  // Super, Command
};

struct Accelerator {
  uint32_t modifiers = 0;  // Modifier bits
  std::string code;        // the W3C code of its key ("KeyU")
  std::string keysym;      // the X keysym name that key has on a US layout ("u")

  // The crate's into_string: "shift+control+alt+meta+" as present, then the code
  // ("shift+control+KeyU"): what a page's handler gets as `shortcut`.
  std::string canonical() const;
  // A number for this modifier set and key, the same for every spelling of it: modifiers in the
  // high 16 bits, the key's place in this parser's key table in the low ones (not the crate's
  // numbering: a page may compare ids, not hard-code them).
  uint32_t id() const { return id_; }

  bool operator==(const Accelerator& o) const { return id_ == o.id_; }

  uint32_t id_ = 0;
};

// Throws std::invalid_argument naming the shortcut and what is wrong with it (an empty token, a
// key that is not known, a modifier after the key, two keys).
Accelerator parse_accelerator(std::string_view text);

// Whether grabbing `a` leaves the user's typing alone: it holds Control, Alt or Meta, or its key is
// one nobody types text with (F1..F24, the media and volume keys, PrintScreen, Pause, ScrollLock).
// A global grab of a bare letter, digit, space or Enter (or Shift with one) would take that key
// from every application on the desktop.
bool leaves_typing_alone(const Accelerator& a);

}  // namespace warden::global_shortcut
