// Where a scope entry's cmd runs from: never a place the page's cwd or env could choose.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "program_path.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using namespace warden::shell_plugin;

using warden::test::TempDir;

namespace {
void make_file(const fs::path& p, bool executable) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "#!/bin/sh\n";
  ::chmod(p.c_str(), executable ? 0755 : 0644);
}
std::string error_of(const std::string& cmd, const std::string& path, const ExpandVariable& expand = {}) {
  try {
    return "resolved to " + resolve_program(cmd, path, expand);
  } catch (const std::exception& e) {
    return e.what();
  }
}
}  // namespace

TEST(ProgramPath, BareNamesAreFoundInAbsolutePathFoldersOnly) {
  TempDir tmp;
  make_file(tmp.path / "a" / "tool", false);  // not executable: skipped
  make_file(tmp.path / "b" / "tool", true);
  std::string path = "relative:" + (tmp.path / "a").string() + "::" + (tmp.path / "b").string();
  EXPECT_EQ(resolve_program("tool", path, {}), (tmp.path / "b" / "tool").string());
  // A folder only reachable through a relative PATH entry (the cwd) is never searched.
  EXPECT_NE(error_of("tool", "relative:.").find("no executable of that name in PATH"), std::string::npos);
}

TEST(ProgramPath, RelativePathsWithASlashAreRefused) {
  for (const char* cmd : {"./tool", "bin/tool", "../bin/tool", "tool/"}) {
    std::string why = error_of(cmd, "/usr/bin:/bin");
    EXPECT_NE(why.find("is a relative path"), std::string::npos) << cmd << ": " << why;
  }
  EXPECT_NE(error_of("..", "/usr/bin").find("not a program name"), std::string::npos);
}

TEST(ProgramPath, AbsolutePathsAndVariablesMustNameAnExecutableFile) {
  TempDir tmp;
  make_file(tmp.path / "bin" / "tool", true);
  make_file(tmp.path / "bin" / "data", false);
  EXPECT_EQ(resolve_program((tmp.path / "bin" / ".." / "bin" / "tool").string(), "", {}),
            (tmp.path / "bin" / "tool").string());
  EXPECT_NE(error_of((tmp.path / "bin" / "data").string(), "").find("is not an executable file"), std::string::npos);
  EXPECT_NE(error_of((tmp.path / "bin").string(), "").find("is not an executable file"), std::string::npos);
  ExpandVariable expand = [&tmp](const std::string& p) -> std::optional<std::string> {
    if (p.rfind("$HOME/", 0) == 0) return (tmp.path / p.substr(6)).string();
    return std::nullopt;
  };
  EXPECT_EQ(resolve_program("$HOME/bin/tool", "", expand), (tmp.path / "bin" / "tool").string());
  EXPECT_NE(error_of("$NOPE/tool", "", expand).find("unknown path variable"), std::string::npos);
}
