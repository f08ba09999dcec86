// Menu accelerators in Tauri's syntax (desktop/menu/accelerator.hpp): what parses to which GDK
// key and modifiers, case-insensitively, and the clear errors for what does not. No display needed.
#include <gtest/gtest.h>

#include <gdk/gdk.h>

#include "desktop/menu/accelerator.hpp"

namespace warden::desktop::menu {
namespace {

Accelerator parsed(std::string_view text) {
  std::string error;
  auto a = parse_accelerator(text, error);
  EXPECT_TRUE(a) << text << ": " << error;
  return a.value_or(Accelerator{});
}

std::string refused(std::string_view text) {
  std::string error;
  auto a = parse_accelerator(text, error);
  EXPECT_FALSE(a) << text;
  EXPECT_FALSE(error.empty()) << text;
  return error;
}

TEST(MenuAccelerator, ModifiersAndLettersAnyCase) {
  EXPECT_EQ(parsed("CmdOrCtrl+Shift+K"), (Accelerator{GDK_KEY_k, GDK_CONTROL_MASK | GDK_SHIFT_MASK}));
  EXPECT_EQ(parsed("commandorcontrol+s"), (Accelerator{GDK_KEY_s, GDK_CONTROL_MASK}));
  EXPECT_EQ(parsed("CTRL+KeyX"), (Accelerator{GDK_KEY_x, GDK_CONTROL_MASK}));
  EXPECT_EQ(parsed("Alt+F4"), (Accelerator{GDK_KEY_F4, GDK_MOD1_MASK}));
  EXPECT_EQ(parsed("Option+Q"), (Accelerator{GDK_KEY_q, GDK_MOD1_MASK}));
  EXPECT_EQ(parsed("Super+Space"), (Accelerator{GDK_KEY_space, GDK_SUPER_MASK}));
  EXPECT_EQ(parsed("Cmd+Meta+Command+1"), (Accelerator{GDK_KEY_1, GDK_SUPER_MASK}));
  EXPECT_EQ(parsed("super+ctrl+SHIFT+alt+ArrowUp"),
            (Accelerator{GDK_KEY_Up, GDK_SUPER_MASK | GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_MOD1_MASK}));
  EXPECT_EQ(parsed(" Shift + Alt + K "), (Accelerator{GDK_KEY_k, GDK_SHIFT_MASK | GDK_MOD1_MASK}));
}

TEST(MenuAccelerator, KeysAlone) {
  EXPECT_EQ(parsed("F5"), (Accelerator{GDK_KEY_F5, 0}));
  EXPECT_EQ(parsed("f24"), (Accelerator{GDK_KEY_F24, 0}));
  EXPECT_EQ(parsed("Digit5"), (Accelerator{GDK_KEY_5, 0}));
  EXPECT_EQ(parsed("Escape"), (Accelerator{GDK_KEY_Escape, 0}));
  EXPECT_EQ(parsed("Esc"), (Accelerator{GDK_KEY_Escape, 0}));
}

TEST(MenuAccelerator, NamedKeysAndPunctuation) {
  EXPECT_EQ(parsed("Ctrl+=").key, unsigned(GDK_KEY_equal));
  EXPECT_EQ(parsed("Ctrl+Equal").key, unsigned(GDK_KEY_equal));
  EXPECT_EQ(parsed("Ctrl+-").key, unsigned(GDK_KEY_minus));
  EXPECT_EQ(parsed("Ctrl+,").key, unsigned(GDK_KEY_comma));
  EXPECT_EQ(parsed("Ctrl+/").key, unsigned(GDK_KEY_slash));
  EXPECT_EQ(parsed("Ctrl+`").key, unsigned(GDK_KEY_grave));
  EXPECT_EQ(parsed("Ctrl+[").key, unsigned(GDK_KEY_bracketleft));
  EXPECT_EQ(parsed("Ctrl+Enter").key, unsigned(GDK_KEY_Return));
  EXPECT_EQ(parsed("Ctrl+PageDown").key, unsigned(GDK_KEY_Page_Down));
  EXPECT_EQ(parsed("Ctrl+Delete").key, unsigned(GDK_KEY_Delete));
  EXPECT_EQ(parsed("Ctrl+Left").key, unsigned(GDK_KEY_Left));
  EXPECT_EQ(parsed("Ctrl+Numpad7").key, unsigned(GDK_KEY_KP_7));
  EXPECT_EQ(parsed("Ctrl+NumAdd").key, unsigned(GDK_KEY_KP_Add));
  EXPECT_EQ(parsed("VolumeUp").key, unsigned(GDK_KEY_AudioRaiseVolume));
}

TEST(MenuAccelerator, ClearErrors) {
  EXPECT_NE(refused("").find("empty part"), std::string::npos);
  EXPECT_NE(refused("Ctrl+").find("empty part"), std::string::npos);
  EXPECT_NE(refused("Ctrl++").find("empty part"), std::string::npos);
  EXPECT_NE(refused("Ctrl+Shift").find("no key"), std::string::npos);
  EXPECT_NE(refused("Ctrl+A+B").find("only one key"), std::string::npos);
  EXPECT_NE(refused("A+Ctrl").find("only one key"), std::string::npos);
  EXPECT_NE(refused("Ctrl+Hyper").find("\"Hyper\" is not a known key"), std::string::npos);
  EXPECT_NE(refused("F25").find("not a known key"), std::string::npos);
  EXPECT_NE(refused("Ctrl").find("not a known key"), std::string::npos);  // a lone part is a key
  EXPECT_NE(refused(std::string(200, 'A')).find("at most"), std::string::npos);
}

TEST(MenuAccelerator, ShortcutPartsForDbusmenu) {
  EXPECT_EQ(shortcut_parts(parsed("CmdOrCtrl+Shift+S")), (std::vector<std::string>{"Control", "Shift", "s"}));
  EXPECT_EQ(shortcut_parts(parsed("Alt+Super+F5")), (std::vector<std::string>{"Alt", "Super", "F5"}));
  EXPECT_EQ(shortcut_parts(parsed("Enter")), (std::vector<std::string>{"Return"}));
}

}  // namespace
}  // namespace warden::desktop::menu
