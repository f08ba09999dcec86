#include "desktop/menu/accelerator.hpp"

#include <gdk/gdk.h>

#include <algorithm>
#include <map>

#include "warden/ascii.hpp"

namespace warden::desktop::menu {
namespace {

// ASCII only: through <cctype>, a Turkish locale made "shift+i" "SH\xddFT+\xdd", no modifier and
// (0xdd being a letter there) a key far outside the letters.
std::string upper(std::string_view s) { return warden::ascii_upper(s); }

std::string_view trimmed(std::string_view s) { return warden::ascii_trim(s); }

std::optional<unsigned> modifier(const std::string& token) {
  static const std::map<std::string, unsigned, std::less<>> modifiers = {
      {"CTRL", GDK_CONTROL_MASK},          {"CONTROL", GDK_CONTROL_MASK},       {"SHIFT", GDK_SHIFT_MASK},
      {"ALT", GDK_MOD1_MASK},              {"OPTION", GDK_MOD1_MASK},           {"SUPER", GDK_SUPER_MASK},
      {"CMD", GDK_SUPER_MASK},             {"COMMAND", GDK_SUPER_MASK},         {"META", GDK_SUPER_MASK},
      // CmdOrCtrl is Cmd on macOS, Ctrl elsewhere.
      {"CMDORCTRL", GDK_CONTROL_MASK},     {"CMDORCONTROL", GDK_CONTROL_MASK},  {"COMMANDORCTRL", GDK_CONTROL_MASK},
      {"COMMANDORCONTROL", GDK_CONTROL_MASK},
  };
  auto it = modifiers.find(token);
  if (it == modifiers.end()) return std::nullopt;
  return it->second;
}

std::optional<unsigned> key(const std::string& token) {
  if (token.size() == 1 && warden::is_ascii_alpha(token[0])) return GDK_KEY_a + (token[0] - 'A');
  if (token.size() == 4 && token.starts_with("KEY") && warden::is_ascii_alpha(token[3]))
    return GDK_KEY_a + (token[3] - 'A');
  if (token.size() == 1 && warden::is_ascii_digit(token[0])) return GDK_KEY_0 + (token[0] - '0');
  if (token.size() == 6 && token.starts_with("DIGIT") && warden::is_ascii_digit(token[5]))
    return GDK_KEY_0 + (token[5] - '0');
  for (std::string_view prefix : {"NUMPAD", "NUM"})
    if (token.size() == prefix.size() + 1 && token.starts_with(prefix) && warden::is_ascii_digit(token.back()))
      return GDK_KEY_KP_0 + (token.back() - '0');
  if (token.size() >= 2 && token.size() <= 3 && token[0] == 'F') {
    int n = 0;
    for (size_t i = 1; i < token.size(); ++i) {
      if (!warden::is_ascii_digit(token[i])) return std::nullopt;
      n = n * 10 + (token[i] - '0');
    }
    if (n >= 1 && n <= 24) return GDK_KEY_F1 + (n - 1);
    return std::nullopt;
  }
  static const std::map<std::string, unsigned, std::less<>> named = {
      {"BACKQUOTE", GDK_KEY_grave},        {"`", GDK_KEY_grave},
      {"BACKSLASH", GDK_KEY_backslash},    {"\\", GDK_KEY_backslash},
      {"BRACKETLEFT", GDK_KEY_bracketleft}, {"[", GDK_KEY_bracketleft},
      {"BRACKETRIGHT", GDK_KEY_bracketright}, {"]", GDK_KEY_bracketright},
      {"COMMA", GDK_KEY_comma},            {",", GDK_KEY_comma},
      {"EQUAL", GDK_KEY_equal},            {"=", GDK_KEY_equal},
      {"MINUS", GDK_KEY_minus},            {"-", GDK_KEY_minus},
      {"PERIOD", GDK_KEY_period},          {".", GDK_KEY_period},
      {"QUOTE", GDK_KEY_apostrophe},       {"'", GDK_KEY_apostrophe},
      {"SEMICOLON", GDK_KEY_semicolon},    {";", GDK_KEY_semicolon},
      {"SLASH", GDK_KEY_slash},            {"/", GDK_KEY_slash},
      {"BACKSPACE", GDK_KEY_BackSpace},    {"CAPSLOCK", GDK_KEY_Caps_Lock},
      {"ENTER", GDK_KEY_Return},           {"SPACE", GDK_KEY_space},
      {"TAB", GDK_KEY_Tab},                {"DELETE", GDK_KEY_Delete},
      {"END", GDK_KEY_End},                {"HOME", GDK_KEY_Home},
      {"INSERT", GDK_KEY_Insert},          {"PAGEDOWN", GDK_KEY_Page_Down},
      {"PAGEUP", GDK_KEY_Page_Up},         {"PRINTSCREEN", GDK_KEY_Print},
      {"SCROLLLOCK", GDK_KEY_Scroll_Lock}, {"NUMLOCK", GDK_KEY_Num_Lock},
      {"ARROWDOWN", GDK_KEY_Down},         {"DOWN", GDK_KEY_Down},
      {"ARROWLEFT", GDK_KEY_Left},         {"LEFT", GDK_KEY_Left},
      {"ARROWRIGHT", GDK_KEY_Right},       {"RIGHT", GDK_KEY_Right},
      {"ARROWUP", GDK_KEY_Up},             {"UP", GDK_KEY_Up},
      {"ESCAPE", GDK_KEY_Escape},          {"ESC", GDK_KEY_Escape},
      {"NUMPADADD", GDK_KEY_KP_Add},       {"NUMADD", GDK_KEY_KP_Add},
      {"NUMPADPLUS", GDK_KEY_KP_Add},      {"NUMPLUS", GDK_KEY_KP_Add},
      {"NUMPADDECIMAL", GDK_KEY_KP_Decimal}, {"NUMDECIMAL", GDK_KEY_KP_Decimal},
      {"NUMPADDIVIDE", GDK_KEY_KP_Divide}, {"NUMDIVIDE", GDK_KEY_KP_Divide},
      {"NUMPADENTER", GDK_KEY_KP_Enter},   {"NUMENTER", GDK_KEY_KP_Enter},
      {"NUMPADEQUAL", GDK_KEY_KP_Equal},   {"NUMEQUAL", GDK_KEY_KP_Equal},
      {"NUMPADMULTIPLY", GDK_KEY_KP_Multiply}, {"NUMMULTIPLY", GDK_KEY_KP_Multiply},
      {"NUMPADSUBTRACT", GDK_KEY_KP_Subtract}, {"NUMSUBTRACT", GDK_KEY_KP_Subtract},
      {"AUDIOVOLUMEDOWN", GDK_KEY_AudioLowerVolume}, {"VOLUMEDOWN", GDK_KEY_AudioLowerVolume},
      {"AUDIOVOLUMEUP", GDK_KEY_AudioRaiseVolume},   {"VOLUMEUP", GDK_KEY_AudioRaiseVolume},
      {"AUDIOVOLUMEMUTE", GDK_KEY_AudioMute},        {"VOLUMEMUTE", GDK_KEY_AudioMute},
  };
  auto it = named.find(token);
  if (it == named.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<Accelerator> parse_accelerator(std::string_view text, std::string& error) {
  if (text.size() > kMaxAcceleratorLength) {
    error = "an accelerator has at most " + std::to_string(kMaxAcceleratorLength) + " characters";
    return std::nullopt;
  }
  const std::string quoted = "\"" + std::string(text) + "\"";
  Accelerator out;
  bool have_key = false;
  size_t tokens = 1 + std::count(text.begin(), text.end(), '+');
  std::string_view rest = text;
  for (size_t i = 0; i < tokens; ++i) {
    size_t plus = rest.find('+');
    std::string_view raw = trimmed(rest.substr(0, plus));
    rest = plus == std::string_view::npos ? std::string_view{} : rest.substr(plus + 1);
    if (raw.empty()) {
      error = "accelerator " + quoted + " has an empty part: write modifiers and one key joined by '+', e.g. \"CmdOrCtrl+Shift+S\"";
      return std::nullopt;
    }
    if (have_key) {
      error = "accelerator " + quoted + " must have its modifiers first and only one key, e.g. \"Shift+Alt+K\"";
      return std::nullopt;
    }
    std::string token = upper(raw);
    // A lone token is a key ("F5"); before the last part a modifier name counts as a modifier.
    if (auto m = tokens > 1 ? modifier(token) : std::nullopt) {
      out.modifiers |= *m;
      continue;
    }
    auto k = key(token);
    if (!k) {
      error = "accelerator " + quoted + ": \"" + std::string(raw) +
              "\" is not a known key or modifier (keys: A-Z, 0-9, F1-F24, Space, Enter, Tab, Escape, arrows, "
              "punctuation...; modifiers: CmdOrCtrl, Ctrl, Shift, Alt, Super)";
      return std::nullopt;
    }
    out.key = *k;
    have_key = true;
  }
  if (!have_key) {
    error = "accelerator " + quoted + " has no key after its modifiers, e.g. \"CmdOrCtrl+S\"";
    return std::nullopt;
  }
  return out;
}

std::vector<std::string> shortcut_parts(const Accelerator& accelerator) {
  std::vector<std::string> parts;
  if (accelerator.modifiers & GDK_CONTROL_MASK) parts.emplace_back("Control");
  if (accelerator.modifiers & GDK_MOD1_MASK) parts.emplace_back("Alt");
  if (accelerator.modifiers & GDK_SHIFT_MASK) parts.emplace_back("Shift");
  if (accelerator.modifiers & GDK_SUPER_MASK) parts.emplace_back("Super");
  const char* name = gdk_keyval_name(accelerator.key);
  parts.emplace_back(name ? name : "");
  return parts;
}

}  // namespace warden::desktop::menu
