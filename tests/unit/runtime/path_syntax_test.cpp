// core:path's string functions give Tauri's answers (its own tests' cases on POSIX, and Node's
// where Tauri follows Node), so pages using @tauri-apps/api/path behave as under Tauri.
#include <gtest/gtest.h>

#include "runtime/path_syntax.hpp"

namespace ps = warden::runtime::path_syntax;

TEST(PathSyntax, Join) {
  EXPECT_EQ(ps::join({""}), ".");
  EXPECT_EQ(ps::join({"", ""}), ".");
  EXPECT_EQ(ps::join({"a"}), "a");
  EXPECT_EQ(ps::join({"", "a"}), "a");
  EXPECT_EQ(ps::join({"a", "b"}), "a/b");
  EXPECT_EQ(ps::join({"a", "", "b"}), "a/b");
  EXPECT_EQ(ps::join({"a", "/b", "c"}), "a/b/c");  // a later absolute segment does not reset
  EXPECT_EQ(ps::join({"a", "b/c", "d"}), "a/b/c/d");
  EXPECT_EQ(ps::join({"a/", "b"}), "a/b");
  EXPECT_EQ(ps::join({"/home/u", "docs", "..", "x.txt"}), "/home/u/x.txt");
  EXPECT_EQ(ps::join({"/", "..", "..", "etc"}), "/etc");  // never above the root
}

TEST(PathSyntax, Normalize) {
  EXPECT_EQ(ps::normalize("/foo/bar//baz/asdf/quux/.."), "/foo/bar/baz/asdf");
  EXPECT_EQ(ps::normalize("./a/./b/"), "a/b/");
  EXPECT_EQ(ps::normalize(".."), "..");
  EXPECT_EQ(ps::normalize("."), ".");
  EXPECT_EQ(ps::normalize("/"), "/");  // Tauri answers "//" here; a single root is meant
  EXPECT_EQ(ps::normalize("/a/../../b"), "/b");
}

TEST(PathSyntax, Resolve) {
  EXPECT_EQ(ps::resolve("/work", {}), "/work");
  EXPECT_EQ(ps::resolve("/work", {"."}), "/work");
  EXPECT_EQ(ps::resolve("/work", {"/foo/bar", "/tmp/file", "baz"}), "/tmp/file/baz");
  EXPECT_EQ(ps::resolve("/work", {"a", "../b"}), "/work/b");
  EXPECT_EQ(ps::resolve("/work", {"../../.."}), "/");
}

TEST(PathSyntax, DirnameExtnameBasename) {
  EXPECT_EQ(ps::dirname("/a/b/c.txt"), "/a/b");
  EXPECT_EQ(ps::dirname("/a/b/"), "/a");
  EXPECT_EQ(ps::dirname("/a"), "/");
  EXPECT_EQ(ps::dirname("a"), "");
  EXPECT_EQ(ps::dirname("/"), std::nullopt);
  EXPECT_EQ(ps::dirname(""), std::nullopt);

  EXPECT_EQ(ps::extname("/a/archive.tar.gz"), "gz");
  EXPECT_EQ(ps::extname("/a/b."), "");
  EXPECT_EQ(ps::extname("/home/u/.bashrc"), std::nullopt);
  EXPECT_EQ(ps::extname("/a/noext"), std::nullopt);
  EXPECT_EQ(ps::extname("/a/.."), std::nullopt);

  EXPECT_EQ(ps::basename("/path/to/some-json-file.json", ".json"), "some-json-file");
  EXPECT_EQ(ps::basename("/path/to/some-json-file.json", "json"), "some-json-file.");
  EXPECT_EQ(ps::basename("/path/to/some-json-file.html.json", ".json"), "some-json-file.html");
  EXPECT_EQ(ps::basename("/path/to/some-json-file.json.html", ".json"), "some-json-file.json.html");
  EXPECT_EQ(ps::basename("/path/to/dir/", std::nullopt), "dir");
  EXPECT_EQ(ps::basename("/", std::nullopt), std::nullopt);
  EXPECT_EQ(ps::basename("a/..", std::nullopt), std::nullopt);
}

TEST(PathSyntax, IsAbsolute) {
  EXPECT_TRUE(ps::is_absolute("/a"));
  EXPECT_FALSE(ps::is_absolute("a/b"));
  EXPECT_FALSE(ps::is_absolute(""));
  EXPECT_FALSE(ps::is_absolute("~/a"));
}
