// The names of an install's folders beside the app folder, and what removing a leftover may touch.
#include "update_leftovers.hpp"

#include <gtest/gtest.h>

#include "files.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace up = warden::updater;

TEST(UpdateLeftovers, OnlyTheExactPatternIsOurs) {
  fs::path app = "/apps/my.app";
  EXPECT_EQ(up::update_folder_template(app), "/apps/.my.app.update-XXXXXX");
  EXPECT_TRUE(up::is_update_folder_name(".my.app.update-a1B2c3", app));
  for (const char* name : {".my.app.update-a1B2c", ".my.app.update-a1B2c3d", ".my.app.update-a1B2/3",
                           ".my.app.update-a1B2..", "my.app.update-a1B2c3", ".my.app.updata-a1B2c3",
                           ".my.apq.update-a1B2c3", ".my.app.update-", "."})
    EXPECT_FALSE(up::is_update_folder_name(name, app)) << name;
}

TEST(UpdateLeftovers, RemovesContentWithoutFollowingLinks) {
  warden::test::TempDir t("warden-updater-leftovers");
  fs::path app = t / "app";
  fs::create_directory(app);
  fs::path target = t / "target";
  fs::create_directory(target);
  warden::test::write_file(target / "kept", "kept");
  fs::path stale = t / ".app.update-Zz9Zz9";
  fs::create_directories(stale / "a/b/c");
  warden::test::write_file(stale / "a/b/c/f", "x");
  fs::create_symlink(target / "kept", stale / "a/file-link");
  fs::create_directory_symlink(target, stale / "a/b/dir-link");
  auto notes = up::remove_update_leftovers(app);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find(".app.update-Zz9Zz9: removed"), std::string::npos) << notes[0];
  EXPECT_FALSE(fs::exists(fs::symlink_status(stale)));
  EXPECT_EQ(warden::test::read_file(target / "kept"), "kept");
  EXPECT_TRUE(fs::is_directory(app));
}
