// The registration against the real desktop tools (xdg-mime, update-desktop-database,
// desktop-file-validate) in XDG folders of the test's own: the entry validates and becomes the
// default; a second scheme joins the entry; unregister takes out only ours; a symlink in the
// entry's place is replaced, never written through; a symlinked mimeapps.list is left alone.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "deep_link_config.hpp"
#include "desktop_tool.hpp"
#include "scheme_registration.hpp"

namespace dl = warden::deep_link_plugin;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class SchemeRegistrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("deep-link-registration-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    // The tools read these: the generic desktop of xdg-utils, on folders of the test's own.
    ::setenv("XDG_DATA_HOME", (root_ / "data").c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (root_ / "config").c_str(), 1);
    ::setenv("XDG_DATA_DIRS", (root_ / "system").c_str(), 1);
    ::setenv("XDG_CONFIG_DIRS", (root_ / "system-config").c_str(), 1);
    ::unsetenv("XDG_CURRENT_DESKTOP");
    ::unsetenv("DESKTOP_SESSION");
    ::unsetenv("KDE_FULL_SESSION");
    ::unsetenv("GNOME_DESKTOP_SESSION_ID");
    registration_ = std::make_unique<dl::SchemeRegistration>(
        dl::RegistrationPlaces{(root_ / "data").string(), (root_ / "config").string()},
        dl::RegisteredApp{"dev.warden.test", "Test App", {"/usr/bin/warden", "run", "/apps/test"}});
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path entry() const { return root_ / "data/applications/dev.warden.test-handler.desktop"; }

  fs::path root_;
  dl::DeepLinkConfig config_{{"wardentest", "wardenother"}};
  std::unique_ptr<dl::SchemeRegistration> registration_;
};

}  // namespace

TEST_F(SchemeRegistrationTest, AddMakesAValidDefaultEntry) {
  EXPECT_FALSE(registration_->is_default("wardentest"));
  registration_->add("wardentest", config_);
  ASSERT_TRUE(fs::is_regular_file(entry()));
  EXPECT_EQ(fs::status(entry()).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  dl::ToolResult v = dl::run_tool({"desktop-file-validate", entry().string()}, 10000ms);
  EXPECT_EQ(v.exit_status, 0) << v.out << v.err;
  EXPECT_NE(read_file(entry()).find("Exec=/usr/bin/warden run /apps/test -- %u\n"), std::string::npos);
  EXPECT_TRUE(registration_->is_default("wardentest"));
  EXPECT_FALSE(registration_->is_default("wardenother"));
  // The folder's index lists it too.
  EXPECT_NE(read_file(root_ / "data/applications/mimeinfo.cache").find("x-scheme-handler/wardentest=dev.warden.test-handler.desktop"),
            std::string::npos);
}

TEST_F(SchemeRegistrationTest, SecondSchemeJoinsThenEachLeaves) {
  registration_->add("wardentest", config_);
  registration_->add("wardenother", config_);
  EXPECT_NE(read_file(entry()).find("MimeType=x-scheme-handler/wardentest;x-scheme-handler/wardenother;\n"),
            std::string::npos);
  EXPECT_TRUE(registration_->is_default("wardentest"));
  EXPECT_TRUE(registration_->is_default("wardenother"));

  registration_->remove("wardentest", config_);
  EXPECT_FALSE(registration_->is_default("wardentest"));
  EXPECT_TRUE(registration_->is_default("wardenother"));
  EXPECT_NE(read_file(entry()).find("MimeType=x-scheme-handler/wardenother;\n"), std::string::npos);

  registration_->remove("wardenother", config_);
  EXPECT_FALSE(registration_->is_default("wardenother"));
  EXPECT_FALSE(fs::exists(entry()));
  // Nothing left to undo is no error.
  registration_->remove("wardenother", config_);
}

TEST_F(SchemeRegistrationTest, RemoveLeavesAnotherAppsDefault) {
  registration_->add("wardentest", config_);
  // xdg-mime names a default only when its desktop file exists.
  std::ofstream(root_ / "data/applications/someone-else.desktop")
      << "[Desktop Entry]\nType=Application\nName=else\nExec=true %u\nMimeType=x-scheme-handler/wardentest;\n";
  dl::ToolResult r = dl::run_tool({"xdg-mime", "default", "someone-else.desktop", "x-scheme-handler/wardentest"}, 10000ms);
  ASSERT_EQ(r.exit_status, 0) << r.err;
  EXPECT_FALSE(registration_->is_default("wardentest"));
  registration_->remove("wardentest", config_);
  EXPECT_NE(read_file(root_ / "config/mimeapps.list").find("x-scheme-handler/wardentest=someone-else.desktop"),
            std::string::npos);
}

TEST_F(SchemeRegistrationTest, SymlinkInTheEntrysPlaceIsReplacedNotFollowed) {
  fs::create_directories(entry().parent_path());
  fs::path target = root_ / "precious.txt";
  std::ofstream(target) << "keep me\n";
  fs::create_symlink(target, entry());
  registration_->add("wardentest", config_);
  EXPECT_FALSE(fs::is_symlink(entry()));
  EXPECT_EQ(read_file(target), "keep me\n");
  EXPECT_TRUE(registration_->is_default("wardentest"));
}

TEST_F(SchemeRegistrationTest, ForeignFileAtTheEntryIsNotRemoved) {
  fs::create_directories(entry().parent_path());
  std::ofstream(entry()) << "[Desktop Entry]\nType=Application\nName=x\nExec=x\nMimeType=x-scheme-handler/wardentest;\n";
  registration_->remove("wardentest", config_);
  EXPECT_TRUE(fs::exists(entry()));
}

TEST_F(SchemeRegistrationTest, SymlinkedMimeappsListLeftAlone) {
  registration_->add("wardentest", config_);
  fs::path list = root_ / "config/mimeapps.list";
  fs::path real = root_ / "dotfiles-mimeapps.list";
  fs::rename(list, real);
  fs::create_symlink(real, list);
  std::string before = read_file(real);
  EXPECT_THROW(registration_->remove("wardentest", config_), std::system_error);
  EXPECT_TRUE(fs::is_symlink(list));
  EXPECT_EQ(read_file(real), before);
}
