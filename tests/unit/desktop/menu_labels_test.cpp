// What GTK menus show for an item without drawing it (no display needed): Tauri's '&' mnemonics
// as GTK's '_' (desktop/menu/gtk_menu_view.hpp), and the predefined items' names, default texts,
// shortcuts and which of them Linux shows (desktop/menu/predefined_item.hpp).
#include <gtest/gtest.h>

#include <gdk/gdk.h>

#include "desktop/menu/gtk_menu_view.hpp"
#include "desktop/menu/predefined_item.hpp"

namespace warden::desktop::menu {
namespace {

TEST(MenuLabels, AmpersandMarksTheMnemonic) {
  EXPECT_EQ(gtk_mnemonic_text("&File"), "_File");
  EXPECT_EQ(gtk_mnemonic_text("Save &As..."), "Save _As...");
  EXPECT_EQ(gtk_mnemonic_text("Fish && Chips"), "Fish & Chips");
  EXPECT_EQ(gtk_mnemonic_text("snake_case"), "snake__case");
  EXPECT_EQ(gtk_mnemonic_text("&&&Both"), "&_Both");
  EXPECT_EQ(gtk_mnemonic_text("trailing&"), "trailing_");
  EXPECT_EQ(gtk_mnemonic_text(""), "");
}

TEST(MenuLabels, PredefinedNamesAndTexts) {
  EXPECT_EQ(predefined_from_name("SelectAll"), Predefined::select_all);
  EXPECT_EQ(predefined_from_name("CloseWindow"), Predefined::close_window);
  EXPECT_EQ(predefined_from_name("BringAllToFront"), Predefined::bring_all_to_front);
  EXPECT_EQ(predefined_from_name("About"), std::nullopt);  // About is {About: {...}}
  EXPECT_EQ(predefined_from_name("copy"), std::nullopt);   // the package's exact names
  EXPECT_EQ(predefined_text(Predefined::copy), "&Copy");
  EXPECT_EQ(predefined_text(Predefined::quit), "&Quit");
  EXPECT_EQ(predefined_text(Predefined::separator), "");
}

TEST(MenuLabels, WhichPredefinedItemsLinuxShows) {
  for (Predefined p : {Predefined::hide, Predefined::hide_others, Predefined::show_all, Predefined::services,
                       Predefined::bring_all_to_front})
    EXPECT_FALSE(shown_on_linux(p));
  for (Predefined p : {Predefined::separator, Predefined::copy, Predefined::cut, Predefined::paste,
                       Predefined::select_all, Predefined::undo, Predefined::redo, Predefined::minimize,
                       Predefined::maximize, Predefined::fullscreen, Predefined::close_window, Predefined::quit,
                       Predefined::about})
    EXPECT_TRUE(shown_on_linux(p));
}

TEST(MenuLabels, EditItemsShowTheirShortcuts) {
  EXPECT_EQ(predefined_shortcut(Predefined::copy), (Accelerator{GDK_KEY_c, GDK_CONTROL_MASK}));
  EXPECT_EQ(predefined_shortcut(Predefined::redo), (Accelerator{GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK}));
  EXPECT_EQ(predefined_shortcut(Predefined::quit), std::nullopt);
  EXPECT_EQ(predefined_shortcut(Predefined::close_window), std::nullopt);
}

}  // namespace
}  // namespace warden::desktop::menu
