// The entry's file: written atomically in a folder it creates, never through a symlink.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "autostart_file.hpp"

namespace ap = warden::autostart_plugin;
namespace fs = std::filesystem;

namespace {

struct TempHome : ::testing::Test {
  fs::path home;
  void SetUp() override {
    char name[] = "/tmp/warden-autostart-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    home = name;
  }
  void TearDown() override { fs::remove_all(home); }
  static std::string text_of(const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

}  // namespace

TEST_F(TempHome, WritesReadsAndRemoves) {
  ap::AutostartFile file((home / "config").string(), "org.example.app");
  EXPECT_EQ(file.path(), (home / "config/autostart/org.example.app.desktop").string());
  EXPECT_FALSE(file.read());
  file.write("first\n");
  file.write("second\n");
  EXPECT_EQ(file.read().value_or(""), "second\n");
  struct stat st {};
  ASSERT_EQ(::stat((home / "config/autostart").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat(file.path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
  EXPECT_EQ(std::distance(fs::directory_iterator(home / "config/autostart"), fs::directory_iterator{}), 1)
      << "no temporary file left behind";
  file.remove();
  EXPECT_FALSE(fs::exists(file.path()));
  file.remove();  // already gone: fine
}

TEST_F(TempHome, ASymlinkInPlaceIsReplacedAndNeverFollowed) {
  ap::AutostartFile file(home.string(), "org.example.app");
  fs::create_directories(home / "autostart");
  std::ofstream(home / "target") << "precious\n";
  fs::create_symlink(home / "target", file.path());
  EXPECT_FALSE(file.read()) << "a symlink is not an entry of ours";
  file.write("entry\n");
  EXPECT_FALSE(fs::is_symlink(file.path()));
  EXPECT_EQ(text_of(file.path()), "entry\n");
  EXPECT_EQ(text_of(home / "target"), "precious\n");
}
