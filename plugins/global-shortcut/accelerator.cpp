#include "accelerator.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <stdexcept>
#include <vector>

#include "warden/ascii.hpp"

namespace warden::global_shortcut {
namespace {

struct KeyName {
  const char* code;        // W3C code
  const char* keysym;      // X keysym name (XStringToKeysym)
  std::vector<const char*> aliases;  // upper case, besides the code itself
};

// The keys a global shortcut may use. The index of an entry is part of the shortcut's id: append,
// never reorder.
const std::vector<KeyName>& keys() {
  static const std::vector<KeyName> table = [] {
    std::vector<KeyName> t = {
        {"Backquote", "grave", {"`"}},       {"Backslash", "backslash", {"\\"}},
        {"BracketLeft", "bracketleft", {"["}}, {"BracketRight", "bracketright", {"]"}},
        {"Comma", "comma", {","}},           {"Equal", "equal", {"="}},
        {"Minus", "minus", {"-"}},           {"Period", "period", {"."}},
        {"Quote", "apostrophe", {"'"}},      {"Semicolon", "semicolon", {";"}},
        {"Slash", "slash", {"/"}},           {"Backspace", "BackSpace", {}},
        {"CapsLock", "Caps_Lock", {}},       {"Enter", "Return", {}},
        {"Space", "space", {}},              {"Tab", "Tab", {}},
        {"Delete", "Delete", {}},            {"End", "End", {}},
        {"Home", "Home", {}},                {"Insert", "Insert", {}},
        {"PageDown", "Next", {}},            {"PageUp", "Prior", {}},
        {"PrintScreen", "Print", {}},        {"ScrollLock", "Scroll_Lock", {}},
        {"Pause", "Pause", {"PAUSEBREAK"}},  {"ArrowDown", "Down", {"DOWN"}},
        {"ArrowLeft", "Left", {"LEFT"}},     {"ArrowRight", "Right", {"RIGHT"}},
        {"ArrowUp", "Up", {"UP"}},           {"NumLock", "Num_Lock", {}},
        {"NumpadAdd", "KP_Add", {"NUMADD", "NUMPADPLUS", "NUMPLUS"}},
        {"NumpadDecimal", "KP_Decimal", {"NUMDECIMAL"}},
        {"NumpadDivide", "KP_Divide", {"NUMDIVIDE"}},
        {"NumpadEnter", "KP_Enter", {"NUMENTER"}},
        {"NumpadEqual", "KP_Equal", {"NUMEQUAL"}},
        {"NumpadMultiply", "KP_Multiply", {"NUMMULTIPLY"}},
        {"NumpadSubtract", "KP_Subtract", {"NUMSUBTRACT"}},
        {"Escape", "Escape", {"ESC"}},
        {"AudioVolumeDown", "XF86AudioLowerVolume", {"VOLUMEDOWN"}},
        {"AudioVolumeUp", "XF86AudioRaiseVolume", {"VOLUMEUP"}},
        {"AudioVolumeMute", "XF86AudioMute", {"VOLUMEMUTE"}},
        {"MediaPlayPause", "XF86AudioPlay", {}},
        {"MediaStop", "XF86AudioStop", {}},
        {"MediaTrackNext", "XF86AudioNext", {}},
        {"MediaTrackPrevious", "XF86AudioPrev", {"MEDIATRACKPREV"}},
    };
    // Generated runs: letters, digits, keypad digits, function keys.
    static std::deque<std::string> names;  // the generated strings (a deque never moves them)
    auto keep = [](std::string s) { return names.emplace_back(std::move(s)).c_str(); };
    for (char c = 'A'; c <= 'Z'; ++c)
      t.push_back({keep(std::string("Key") + c), keep(std::string(1, char(c - 'A' + 'a'))), {keep(std::string(1, c))}});
    for (char d = '0'; d <= '9'; ++d)
      t.push_back({keep(std::string("Digit") + d), keep(std::string(1, d)), {keep(std::string(1, d))}});
    for (char d = '0'; d <= '9'; ++d)
      t.push_back({keep(std::string("Numpad") + d), keep(std::string("KP_") + d), {keep(std::string("NUM") + d)}});
    for (int f = 1; f <= 24; ++f) t.push_back({keep("F" + std::to_string(f)), keep("F" + std::to_string(f)), {}});
    return t;
  }();
  return table;
}

// ASCII only: the user's locale (GTK sets it) made "shift+i" "SH\xddFT+\xdd" in Turkish.
std::string upper(std::string_view s) { return warden::ascii_upper(s); }

std::string_view trimmed(std::string_view s) { return warden::ascii_trim(s); }

uint32_t modifier_of(const std::string& token) {
  if (token == "SHIFT") return kShift;
  if (token == "CONTROL" || token == "CTRL") return kControl;
  if (token == "ALT" || token == "OPTION") return kAlt;
  if (token == "SUPER" || token == "META" || token == "COMMAND" || token == "CMD") return kMeta;
  if (token == "COMMANDORCONTROL" || token == "COMMANDORCTRL" || token == "CMDORCTRL" || token == "CMDORCONTROL")
    return kControl;  // Command is macOS's
  return 0;
}

// The index of `token`'s key in keys(), or -1.
int key_of(const std::string& token) {
  const auto& table = keys();
  for (size_t i = 0; i < table.size(); ++i) {
    if (upper(table[i].code) == token) return int(i);
    for (const char* alias : table[i].aliases)
      if (token == alias) return int(i);
  }
  return -1;
}

[[noreturn]] void bad(std::string_view text, const std::string& why) {
  throw std::invalid_argument("invalid shortcut '" + std::string(text) + "': " + why);
}

}  // namespace

bool leaves_typing_alone(const Accelerator& a) {
  if (a.modifiers & (kControl | kAlt | kMeta)) return true;
  const std::string& c = a.code;
  bool function_key = c.size() >= 2 && c[0] == 'F' && warden::is_ascii_digit(c[1]);
  return function_key || c.starts_with("Audio") || c.starts_with("Media") || c == "PrintScreen" || c == "Pause" ||
         c == "ScrollLock";
}

std::string Accelerator::canonical() const {
  std::string out;
  if (modifiers & kShift) out += "shift+";
  if (modifiers & kControl) out += "control+";
  if (modifiers & kAlt) out += "alt+";
  if (modifiers & kMeta) out += "meta+";
  return out + code;
}

Accelerator parse_accelerator(std::string_view text) {
  if (text.size() > 256) bad(text.substr(0, 32), "longer than 256 characters");
  std::vector<std::string_view> tokens;
  size_t start = 0;
  for (size_t plus; (plus = text.find('+', start)) != std::string_view::npos; start = plus + 1)
    tokens.push_back(text.substr(start, plus - start));
  tokens.push_back(text.substr(start));
  Accelerator a;
  int key = -1;
  for (std::string_view raw : tokens) {
    std::string token = upper(trimmed(raw));
    if (token.empty()) bad(text, "an empty token (expected modifiers and one key joined by '+', e.g. 'Ctrl+Shift+U')");
    if (key >= 0) bad(text, "the key must come last, after the modifiers, and only one key is allowed");
    if (uint32_t m = tokens.size() > 1 ? modifier_of(token) : 0) {
      a.modifiers |= m;
      continue;
    }
    key = key_of(token);
    if (key < 0) bad(text, "'" + std::string(trimmed(raw)) + "' is not a key this plugin knows (e.g. KeyA or A, Digit1, F1..F24, Space, ArrowUp)");
  }
  if (key < 0) bad(text, "no key after the modifiers");
  const KeyName& k = keys()[size_t(key)];
  a.code = k.code;
  a.keysym = k.keysym;
  a.id_ = (a.modifiers << 16) | uint32_t(key);
  return a;
}

}  // namespace warden::global_shortcut
