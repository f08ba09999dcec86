// Which path a page's argument names, and whether the plugin can be tricked into touching
// something outside its scope: "..", encodings, symlinks pointing out, symlinks swapped in
// after the check, new files under symlinked folders, deny over allow.
#include <gtest/gtest.h>
#include <fcntl.h>

#include <cerrno>

#include "fs_test_support.hpp"
#include "page_path.hpp"
#include "path_commands.hpp"
#include "scoped_path.hpp"

using namespace warden::fs_plugin;
using warden::fs_test::args;
using warden::fs_test::Tree;
namespace fs = std::filesystem;

namespace {
VariableResolver fixed_home() {
  return [](const std::string& v) -> std::optional<std::string> {
    if (v == "HOME") return std::string("/home/u");
    if (v == "APPDATA") return std::string("/home/u/.local/share/app");
    return std::nullopt;
  };
}
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(PagePath, AbsoluteUrlsAndBaseDirectories) {
  EXPECT_EQ(absolute_page_path("/a/b", std::nullopt, fixed_home()), "/a/b");
  EXPECT_EQ(absolute_page_path("file:///a/b%20c", std::nullopt, fixed_home()), "/a/b c");
  EXPECT_EQ(absolute_page_path("file://localhost/a", std::nullopt, fixed_home()), "/a");
  EXPECT_EQ(absolute_page_path("notes/a.txt", 21, fixed_home()), "/home/u/notes/a.txt");  // Home
  EXPECT_EQ(absolute_page_path("db", 14, fixed_home()), "/home/u/.local/share/app/db");   // AppData
  EXPECT_EQ(absolute_page_path("", 14, fixed_home()), "/home/u/.local/share/app");      // the base itself
  EXPECT_EQ(base_directory_variable(12), "TEMP");
  EXPECT_EQ(base_directory_variable(19), "EXE");
  EXPECT_FALSE(base_directory_variable(0));
  EXPECT_FALSE(base_directory_variable(24));
}

TEST(PagePath, RefusesWhatCouldClimbOrIsUnclear) {
  auto refuse = [](std::string_view p, std::optional<int> base, const std::string& why) {
    std::string e = error_of([&] { absolute_page_path(p, base, fixed_home()); });
    EXPECT_NE(e.find(why), std::string::npos) << p << " -> " << e;
    EXPECT_NE(e.find("argument 'path'"), std::string::npos) << e;
  };
  refuse("", std::nullopt, "empty");
  refuse("/a/../etc/passwd", std::nullopt, "'..'");
  refuse("..", 21, "'..'");
  refuse("a/..", 21, "'..'");
  refuse("file:///a/%2e%2e/etc", std::nullopt, "'..'");  // decoded from a URL, then refused
  refuse("file:///a/%2E%2E", std::nullopt, "'..'");
  refuse("file://evil.example/etc/passwd", std::nullopt, "local file://");
  refuse("file:///a/%zz", std::nullopt, "malformed");
  refuse("relative.txt", std::nullopt, "needs options.baseDir");
  refuse("x", 99, "unknown baseDir");
  refuse("x", 22, "not defined");  // Runtime, unknown here
  refuse(std::string_view("/a\0/b", 5), std::nullopt, "NUL");
  // Not a URL: "%2e%2e" in a plain path is a name.
  EXPECT_EQ(absolute_page_path("/a/%2e%2e", std::nullopt, fixed_home()), "/a/%2e%2e");
}

TEST(ScopedPathCheck, SymlinksPointingOutAreForbidden) {
  Tree t;
  t.write("allowed/readme", "in");
  t.write("outside/secret", "SECRET");
  fs::create_directory_symlink(t.path("outside"), t.path("allowed/out"));
  fs::create_symlink(t.path("outside/secret"), t.path("allowed/secret-link"));
  fs::create_symlink(t.path("outside/nothing-yet"), t.path("allowed/dangling"));
  auto access = t.access();
  auto forbidden = [&](const std::string& rel, Reach reach) {
    std::string e = error_of([&] { ScopedPath::check(t.path(rel), reach, access.check, access.canonical); });
    EXPECT_NE(e.find("forbidden path"), std::string::npos) << rel << ": " << e;
  };
  EXPECT_EQ(ScopedPath::check(t.path("allowed/readme"), Reach::target, access.check, access.canonical).full(), t.path("allowed/readme"));
  forbidden("allowed/out/secret", Reach::target);
  forbidden("allowed/out/new-file", Reach::target);  // would be created outside
  forbidden("allowed/secret-link", Reach::target);   // the file's final target
  forbidden("allowed/secret-link", Reach::entry);    // even lstat/remove of it: its target is out
  forbidden("allowed/dangling", Reach::target);      // writing would create the target outside
  forbidden("outside/secret", Reach::target);
  forbidden("allowed/out/../outside/secret", Reach::target);

  // Reading through the commands fails the same way, and the secret is never returned.
  std::string e = error_of([&] { read_file(args(R"({"path": ")" + t.path("allowed/secret-link") + R"("})"), access); });
  EXPECT_NE(e.find("forbidden path"), std::string::npos) << e;
}

TEST(ScopedPathCheck, DenyWinsOverAllow) {
  Tree t;
  t.write("allowed/public/a", "a");
  t.write("allowed/private/b", "b");
  auto access = t.access(R"({"allow": ["$HOME/allowed/**"], "deny": ["$HOME/allowed/private/**"]})");
  EXPECT_NO_THROW(ScopedPath::check(t.path("allowed/public/a"), Reach::target, access.check, access.canonical));
  EXPECT_THROW(ScopedPath::check(t.path("allowed/private/b"), Reach::target, access.check, access.canonical), std::runtime_error);
  fs::create_directory_symlink(t.path("allowed/private"), t.path("allowed/public/shortcut"));
  EXPECT_THROW(ScopedPath::check(t.path("allowed/public/shortcut/b"), Reach::target, access.check, access.canonical), std::runtime_error);
}

TEST(ScopedPathCheck, AFolderSwappedForASymlinkAfterTheCheckIsNotFollowed) {
  Tree t;
  t.write("allowed/dir/file", "harmless");
  t.write("outside/file", "SECRET");
  auto access = t.access();
  auto checked = ScopedPath::check(t.path("allowed/dir/file"), Reach::target, access.check, access.canonical);
  // The race: after the check, the folder becomes a link to the outside.
  fs::rename(t.path("allowed/dir"), t.path("allowed/dir-old"));
  fs::create_directory_symlink(t.path("outside"), t.path("allowed/dir"));
  std::string e = error_of([&] { checked.open(O_RDONLY); });
  EXPECT_NE(e.find("changed into a symlink"), std::string::npos) << e;
}

TEST(ScopedPathCheck, AFileSwappedForASymlinkAfterTheCheckIsNotFollowed) {
  Tree t;
  t.write("allowed/file", "harmless");
  t.write("outside/file", "SECRET");
  auto access = t.access();
  auto checked = ScopedPath::check(t.path("allowed/file"), Reach::target, access.check, access.canonical);
  fs::remove(t.path("allowed/file"));
  fs::create_symlink(t.path("outside/file"), t.path("allowed/file"));
  std::string e = error_of([&] { checked.open(O_RDONLY); });
  EXPECT_NE(e.find("changed into a symlink"), std::string::npos) << e;
  EXPECT_THROW(checked.open(O_WRONLY | O_TRUNC), std::runtime_error);
  EXPECT_EQ(t.read("outside/file"), "SECRET");
}

TEST(ScopedPathCheck, TheWalkWithoutOpenat2RefusesSymlinksToo) {
  Tree t;
  fs::create_directories(t.path("allowed/dir"));
  fs::create_directory_symlink(t.path("outside"), t.path("allowed/link"));
  Fd ok(static_cast<int>(walk_without_symlinks(t.path("allowed/dir"))));
  EXPECT_TRUE(ok);
  errno = 0;
  EXPECT_EQ(walk_without_symlinks(t.path("allowed/link")), -1);
  EXPECT_EQ(errno, ELOOP);
  EXPECT_EQ(walk_without_symlinks(t.path("allowed/link/x")), -1);
  EXPECT_EQ(walk_without_symlinks(t.path("allowed/missing")), -1);
  EXPECT_EQ(errno, ENOENT);
  t.write("allowed/file", "x");
  EXPECT_EQ(walk_without_symlinks(t.path("allowed/file")), -1);
  EXPECT_EQ(errno, ENOTDIR);
}
