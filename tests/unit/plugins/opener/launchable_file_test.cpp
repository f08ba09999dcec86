// Which files open_path refuses as launchers, on real files: an execute bit, a .desktop name, a
// launcher or an ELF program under another name (GIO's content type); documents and folders pass.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "launchable_file.hpp"

namespace fs = std::filesystem;
using warden::opener_plugin::launches_code;

namespace {
struct Folder {
  fs::path path;
  Folder() {
    std::string tmpl = (fs::temp_directory_path() / "opener-launchable-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~Folder() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& content, fs::perms perms = fs::perms::owner_read |
                                                                                              fs::perms::owner_write) {
    fs::path p = path / name;
    std::ofstream(p) << content;
    fs::permissions(p, perms);
    return p.string();
  }
};
}  // namespace

TEST(LaunchableFile, DocumentsAndFoldersPass) {
  Folder f;
  EXPECT_FALSE(launches_code(f.write("note.txt", "hello\n")));
  EXPECT_FALSE(launches_code(f.write("page.html", "<!doctype html><p>x</p>")));
  EXPECT_FALSE(launches_code(f.path.string()));
  EXPECT_FALSE(launches_code((f.path / "missing.txt").string()));
}

TEST(LaunchableFile, LaunchersAreFound) {
  Folder f;
  auto exec = f.write("tool", "#!/bin/sh\necho hi\n", fs::perms::owner_all);
  ASSERT_TRUE(launches_code(exec));
  EXPECT_NE(launches_code(exec)->find("executable"), std::string::npos);
  EXPECT_TRUE(launches_code(f.write("app.desktop", "[Desktop Entry]\nType=Application\nExec=true\n")));
  EXPECT_TRUE(launches_code(f.write("APP.DESKTOP", "[Desktop Entry]\nType=Application\nExec=true\n")));
  // An ELF program without its execute bit, under a name that says nothing: GIO's sniffing.
  std::ifstream elf("/bin/true", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(elf)), {});
  EXPECT_TRUE(launches_code(f.write("innocent", bytes)));
  EXPECT_TRUE(launches_code(f.write("program.jar", "PK\x03\x04")));
}
