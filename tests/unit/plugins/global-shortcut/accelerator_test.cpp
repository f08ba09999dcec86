// Shortcuts as @tauri-apps/plugin-global-shortcut pages write them (the global-hotkey crate's
// grammar): every spelling of one shortcut is one shortcut, the crate's canonical string, and each
// malformed one refused with what is wrong.
#include <gtest/gtest.h>

#include <X11/Xlib.h>

#include <stdexcept>
#include <string>

#include "accelerator.hpp"

using namespace warden::global_shortcut;

namespace {

std::string refusal(const std::string& text) {
  try {
    parse_accelerator(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(Accelerator, SpellingsOfOneShortcutAreOne) {
  Accelerator a = parse_accelerator("CommandOrControl+Shift+U");
  EXPECT_EQ(a.canonical(), "shift+control+KeyU");
  EXPECT_EQ(a.modifiers, uint32_t(kShift | kControl));
  for (const char* s : {"Ctrl+Shift+U", "control+shift+KeyU", " shift + CmdOrCtrl + u ", "SHIFT+CMDORCONTROL+keyu",
                        "CommandOrCtrl+Shift+U", "Shift+Control+U"}) {
    Accelerator b = parse_accelerator(s);
    EXPECT_EQ(b.id(), a.id()) << s;
    EXPECT_EQ(b.canonical(), a.canonical()) << s;
  }
  EXPECT_NE(parse_accelerator("Ctrl+U").id(), a.id());
  EXPECT_NE(parse_accelerator("Ctrl+Shift+I").id(), a.id());
}

TEST(Accelerator, ModifierNames) {
  EXPECT_EQ(parse_accelerator("Alt+A").canonical(), "alt+KeyA");
  EXPECT_EQ(parse_accelerator("Option+A").canonical(), "alt+KeyA");
  for (const char* meta : {"Super", "Meta", "Command", "Cmd"})
    EXPECT_EQ(parse_accelerator(std::string(meta) + "+A").canonical(), "meta+KeyA") << meta;
  EXPECT_EQ(parse_accelerator("Super+Alt+Ctrl+Shift+F5").canonical(), "shift+control+alt+meta+F5");
}

TEST(Accelerator, KeysAndShortForms) {
  EXPECT_EQ(parse_accelerator("F12").canonical(), "F12");
  EXPECT_EQ(parse_accelerator("Ctrl+1").canonical(), "control+Digit1");
  EXPECT_EQ(parse_accelerator("Ctrl+Up").canonical(), "control+ArrowUp");
  EXPECT_EQ(parse_accelerator("Ctrl+Esc").canonical(), "control+Escape");
  EXPECT_EQ(parse_accelerator("Ctrl+Num5").canonical(), "control+Numpad5");
  EXPECT_EQ(parse_accelerator("Ctrl+NumPlus").canonical(), "control+NumpadAdd");
  EXPECT_EQ(parse_accelerator("Ctrl+=").canonical(), "control+Equal");
  EXPECT_EQ(parse_accelerator("Ctrl+/").canonical(), "control+Slash");
  EXPECT_EQ(parse_accelerator("Ctrl+`").canonical(), "control+Backquote");
  EXPECT_EQ(parse_accelerator("Space").canonical(), "Space");
}

TEST(Accelerator, MalformedRefusedWithTheReason) {
  EXPECT_NE(refusal("Ctrl++U").find("empty token"), std::string::npos);
  EXPECT_NE(refusal("Ctrl+Shift+").find("empty token"), std::string::npos);
  EXPECT_NE(refusal("").find("empty token"), std::string::npos);
  EXPECT_NE(refusal("Shift+U+Ctrl").find("must come last"), std::string::npos);
  EXPECT_NE(refusal("Ctrl+A+B").find("must come last"), std::string::npos);
  EXPECT_NE(refusal("Ctrl+Shift").find("no key after the modifiers"), std::string::npos);
  EXPECT_NE(refusal("Shift").find("is not a key"), std::string::npos) << "a modifier alone is not a key";
  EXPECT_NE(refusal("Ctrl+NoSuchKey").find("'NoSuchKey'"), std::string::npos);
  EXPECT_NE(refusal(std::string(300, 'A')).find("longer than 256"), std::string::npos);
}

// A typo in the key table would make a shortcut parse and then fail at grab time on every system.
TEST(Accelerator, EveryKeyHasAnXKeysym) {
  for (const char* s : {"A", "Z", "0", "9", "F1", "F24", "Num0", "Num9", "Backquote", "Backslash", "BracketLeft",
                        "BracketRight", "Comma", "Equal", "Minus", "Period", "Quote", "Semicolon", "Slash",
                        "Backspace", "CapsLock", "Enter", "Space", "Tab", "Delete", "End", "Home", "Insert",
                        "PageDown", "PageUp", "PrintScreen", "ScrollLock", "Pause", "ArrowDown", "ArrowLeft",
                        "ArrowRight", "ArrowUp", "NumLock", "NumpadAdd", "NumpadDecimal", "NumpadDivide",
                        "NumpadEnter", "NumpadEqual", "NumpadMultiply", "NumpadSubtract", "Escape",
                        "AudioVolumeDown", "AudioVolumeUp", "AudioVolumeMute", "MediaPlayPause", "MediaStop",
                        "MediaTrackNext", "MediaTrackPrevious"}) {
    Accelerator a = parse_accelerator(s);
    EXPECT_NE(XStringToKeysym(a.keysym.c_str()), static_cast<KeySym>(NoSymbol)) << s << " -> " << a.keysym;
  }
}

// A bare typing key (or Shift with one) grabbed globally would take it from every application.
TEST(Accelerator, TypingKeysNeedAModifierThatIsNotShift) {
  for (const char* taken : {"A", "Shift+A", "1", "Space", "Enter", "Shift+Enter", "Escape", "Tab", "Up", "Num5", "/"})
    EXPECT_FALSE(leaves_typing_alone(parse_accelerator(taken))) << taken;
  for (const char* fine : {"Ctrl+A", "Alt+1", "Super+Space", "Ctrl+Shift+Enter", "F5", "Shift+F12", "F24",
                           "MediaPlayPause", "VolumeUp", "PrintScreen", "Pause", "ScrollLock"})
    EXPECT_TRUE(leaves_typing_alone(parse_accelerator(fine))) << fine;
}
