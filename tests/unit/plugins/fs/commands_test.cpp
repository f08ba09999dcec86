// The path commands and open files on a real temporary tree: what they return, that whole-file
// writes are atomic and keep the file's mode, that removing never follows links, and that a
// denied path is refused before anything is touched.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "fs_test_support.hpp"
#include "open_file.hpp"
#include "path_commands.hpp"

using namespace warden::fs_plugin;
using warden::fs_test::args;
using warden::fs_test::Tree;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
json::value path_args(const std::string& path, const std::string& options = "null") {
  return args(R"({"path": )" + json::serialize(json::value(path)) + R"(, "options": )" + options + "}");
}
std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
std::string text(const Bytes& b) { return {b.begin(), b.end()}; }
int leftover_files(const Tree& t, const std::string& folder) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(t.path(folder)))
    if (e.path().filename().string().find(".warden-") != std::string::npos) ++n;
  return n;
}
}  // namespace

TEST(FsCommands, WriteIsAtomicAndKeepsTheMode) {
  Tree t;
  auto access = t.access();
  std::string file = t.path("allowed/notes.txt");
  write_file(path_args(file), bytes("first"), access);
  EXPECT_EQ(t.read("allowed/notes.txt"), "first");
  ::chmod(file.c_str(), 0640);
  struct stat before {};
  ::stat(file.c_str(), &before);
  write_file(path_args(file), bytes("second, longer"), access);
  struct stat after {};
  ::stat(file.c_str(), &after);
  EXPECT_EQ(t.read("allowed/notes.txt"), "second, longer");
  EXPECT_EQ(after.st_mode & 07777, 0640u);
  EXPECT_NE(after.st_ino, before.st_ino);  // a new file renamed over the old one
  EXPECT_EQ(leftover_files(t, "allowed"), 0);

  write_file(path_args(file, R"({"append": true})"), bytes("+"), access);
  EXPECT_EQ(t.read("allowed/notes.txt"), "second, longer+");
  EXPECT_THROW(write_file(path_args(file, R"({"createNew": true})"), bytes("x"), access), std::system_error);
  EXPECT_THROW(write_file(path_args(t.path("allowed/none"), R"({"create": false})"), bytes("x"), access), std::system_error);
  EXPECT_FALSE(fs::exists(t.path("allowed/none")));
  write_file(path_args(t.path("allowed/mode"), R"({"mode": 384})"), bytes("x"), access);  // 0600
  struct stat m {};
  ::stat(t.path("allowed/mode").c_str(), &m);
  EXPECT_EQ(m.st_mode & 0777, 0600u);
  EXPECT_EQ(text(read_file(path_args(file), access)), "second, longer+");
}

TEST(FsCommands, DeniedWritesTouchNothing) {
  Tree t;
  t.write("outside/keep", "KEEP");
  auto access = t.access();
  EXPECT_THROW(write_file(path_args(t.path("outside/keep")), bytes("gone"), access), std::runtime_error);
  EXPECT_THROW(write_file(path_args(t.path("outside/new")), bytes("x"), access), std::runtime_error);
  EXPECT_THROW(remove(path_args(t.path("outside/keep")), access), std::runtime_error);
  EXPECT_THROW(truncate(path_args(t.path("outside/keep")), access), std::runtime_error);
  EXPECT_THROW(mkdir(path_args(t.path("outside/dir")), access), std::runtime_error);
  EXPECT_THROW(exists(path_args(t.path("outside/keep")), access), std::runtime_error);
  EXPECT_EQ(t.read("outside/keep"), "KEEP");
  EXPECT_FALSE(fs::exists(t.path("outside/new")));
  EXPECT_FALSE(fs::exists(t.path("outside/dir")));
  EXPECT_EQ(leftover_files(t, "outside"), 0);
}

TEST(FsCommands, FoldersListCreateAndRemove) {
  Tree t;
  auto access = t.access();
  mkdir(path_args(t.path("allowed/a/b/c"), R"({"recursive": true})"), access);
  EXPECT_TRUE(fs::is_directory(t.path("allowed/a/b/c")));
  EXPECT_THROW(mkdir(path_args(t.path("allowed/x/y")), access), std::system_error);  // parent missing
  t.write("allowed/a/file.txt", "hello");
  fs::create_symlink(t.path("allowed/a/file.txt"), t.path("allowed/a/link"));
  auto entries = read_dir(path_args(t.path("allowed/a")), access).as_array();
  std::map<std::string, json::object> by_name;
  for (auto& e : entries) by_name[std::string(e.at("name").as_string())] = e.as_object();
  ASSERT_EQ(by_name.size(), 3u);
  EXPECT_TRUE(by_name["b"].at("isDirectory").as_bool());
  EXPECT_TRUE(by_name["file.txt"].at("isFile").as_bool());
  EXPECT_TRUE(by_name["link"].at("isSymlink").as_bool());
  EXPECT_FALSE(by_name["link"].at("isFile").as_bool());

  EXPECT_THROW(remove(path_args(t.path("allowed/a")), access), std::system_error);  // not empty
  remove(path_args(t.path("allowed/a"), R"({"recursive": true})"), access);
  EXPECT_FALSE(fs::exists(t.path("allowed/a")));
  EXPECT_TRUE(exists(path_args(t.path("allowed")), access));
  EXPECT_FALSE(exists(path_args(t.path("allowed/a")), access));
  EXPECT_FALSE(exists(path_args(t.path("allowed/a/b/c")), access));
}

TEST(FsCommands, RecursiveRemoveRemovesLinksNotTheirTargets) {
  Tree t;
  t.write("allowed/shared/own", "x");
  t.write("allowed/keep/data", "DATA");
  fs::create_directory_symlink(t.path("allowed/keep"), t.path("allowed/shared/keep-link"));
  auto access = t.access();
  remove(path_args(t.path("allowed/shared"), R"({"recursive": true})"), access);
  EXPECT_FALSE(fs::exists(t.path("allowed/shared")));
  EXPECT_EQ(t.read("allowed/keep/data"), "DATA");
}

TEST(FsCommands, RenameCopyTruncateStatAndSize) {
  Tree t;
  t.write("allowed/a.txt", "0123456789");
  auto access = t.access();
  copy_file(args(R"({"fromPath": ")" + t.path("allowed/a.txt") + R"(", "toPath": ")" + t.path("allowed/b.txt") + R"("})"), access);
  EXPECT_EQ(t.read("allowed/b.txt"), "0123456789");
  rename(args(R"({"oldPath": ")" + t.path("allowed/b.txt") + R"(", "newPath": ")" + t.path("allowed/c.txt") + R"("})"), access);
  EXPECT_FALSE(fs::exists(t.path("allowed/b.txt")));
  EXPECT_THROW(rename(args(R"({"oldPath": ")" + t.path("allowed/c.txt") + R"(", "newPath": ")" + t.path("outside/c.txt") + R"("})"), access),
               std::runtime_error);
  EXPECT_THROW(copy_file(args(R"({"fromPath": ")" + t.path("allowed/c.txt") + R"(", "toPath": ")" + t.path("outside/c.txt") + R"("})"), access),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(t.path("outside/c.txt")));
  truncate(args(R"({"path": ")" + t.path("allowed/c.txt") + R"(", "len": 4})"), access);
  EXPECT_EQ(t.read("allowed/c.txt"), "0123");

  auto info = stat_path(path_args(t.path("allowed/c.txt")), access, true).as_object();
  EXPECT_TRUE(info.at("isFile").as_bool());
  EXPECT_EQ(info.at("size").to_number<int>(), 4);
  EXPECT_TRUE(info.at("mtime").is_number());
  EXPECT_TRUE(info.at("fileAttributes").is_null());
  fs::create_symlink(t.path("allowed/c.txt"), t.path("allowed/c-link"));
  EXPECT_TRUE(stat_path(path_args(t.path("allowed/c-link")), access, false).at("isSymlink").as_bool());
  EXPECT_FALSE(stat_path(path_args(t.path("allowed/c-link")), access, true).at("isSymlink").as_bool());
  t.write("allowed/d/e", "12345");
  EXPECT_EQ(size(path_args(t.path("allowed")), access), 10u + 4u + 5u);  // regular files only, links not followed
}

TEST(FsCommands, BaseDirectoryOption) {
  Tree t;
  t.write("allowed/in-home.txt", "home");
  auto access = t.access();
  EXPECT_EQ(text(read_file(args(R"({"path": "allowed/in-home.txt", "options": {"baseDir": 21}})"), access)), "home");
  EXPECT_THROW(read_file(args(R"({"path": "outside/x", "options": {"baseDir": 21}})"), access), std::runtime_error);
  EXPECT_THROW(read_file(args(R"({"path": "../x", "options": {"baseDir": 21}})"), access), std::invalid_argument);
  EXPECT_THROW(read_file(args(R"({"path": "a", "options": {"baseDir": "Home"}})"), access), std::invalid_argument);
}

TEST(FsCommands, OpenFilesReadWriteSeekAndFrameTheirReads) {
  Tree t;
  auto access = t.access();
  auto file = OpenFile::create(path_args(t.path("allowed/h.bin")), access);
  EXPECT_EQ(file->write(bytes("abcdef")), 6u);
  EXPECT_EQ(file->seek(1, 0), 1u);
  auto r = file->read(3);
  ASSERT_EQ(r.size(), 3u + 8u);
  EXPECT_EQ(std::string(r.begin(), r.begin() + 3), "bcd");
  EXPECT_EQ(r.back(), 3);  // count, big-endian u64
  EXPECT_EQ(file->seek(0, 2), 6u);
  auto end = file->read(10);
  EXPECT_EQ(end.size(), 8u);
  EXPECT_EQ(end.back(), 0);
  file->truncate(2);
  EXPECT_EQ(file->stat().at("size").to_number<int>(), 2);
  EXPECT_THROW(file->seek(0, 7), std::invalid_argument);

  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/h.bin"), R"({"read": false})"), access), std::invalid_argument);
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/h.bin"), R"({"create": true})"), access), std::invalid_argument);
  EXPECT_NO_THROW(OpenFile::open(path_args(t.path("allowed/new"), R"({"write": true, "createNew": true})"), access));
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/new"), R"({"write": true, "createNew": true})"), access), std::system_error);
  EXPECT_THROW(OpenFile::open(path_args(t.path("outside/x"), R"({"write": true, "create": true})"), access), std::runtime_error);
  EXPECT_FALSE(fs::exists(t.path("outside/x")));
}

TEST(FsCommands, LinesComeOneByOneWithTheirEndMarkers) {
  Tree t;
  t.write("allowed/lines.txt", "one\r\ntwo\n\nlast");
  auto reader = LineReader::open(path_args(t.path("allowed/lines.txt")), t.access());
  auto line = [&] {
    auto b = reader->next();
    return b == std::vector<std::uint8_t>{1} ? std::string("<end>") : std::string(b.begin(), b.end() - 1) + (b.back() == 0 ? "" : "!");
  };
  EXPECT_EQ(line(), "one");
  EXPECT_EQ(line(), "two");
  EXPECT_EQ(line(), "");
  EXPECT_EQ(line(), "last");
  EXPECT_EQ(line(), "<end>");
  EXPECT_EQ(line(), "<end>");
}

TEST(FsArguments, BytesAsArrayOrTypedArrayObject) {
  EXPECT_EQ(bytes_arg(args(R"({"data": [1, 2, 255]})"), "data"), (std::vector<std::uint8_t>{1, 2, 255}));
  EXPECT_EQ(bytes_arg(args(R"({"data": {"1": 7, "0": 6}})"), "data"), (std::vector<std::uint8_t>{6, 7}));
  EXPECT_THROW(bytes_arg(args(R"({"data": [256]})"), "data"), std::invalid_argument);
  EXPECT_THROW(bytes_arg(args(R"({"data": {"0": 1, "2": 1}})"), "data"), std::invalid_argument);
  EXPECT_THROW(bytes_arg(args(R"({"data": "abc"})"), "data"), std::invalid_argument);
  EXPECT_THROW(rid_arg(args(R"({"rid": 0})")), std::invalid_argument);
  EXPECT_THROW(string_arg(args(R"({"path": 3})"), "path"), std::invalid_argument);
}

TEST(FsCommands, DevicesAndFifosAreRefusedInsteadOfBlocking) {
  Tree t;
  ASSERT_EQ(::mkfifo(t.path("allowed/pipe").c_str(), 0600), 0);
  auto access = t.access(R"({"allow": ["$HOME/allowed/**", "/dev/zero"]})");
  for (const std::string& p : {t.path("allowed/pipe"), std::string("/dev/zero")}) {
    try {
      read_file(path_args(p), access);
      ADD_FAILURE() << p << " was read";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(LineReader::open(path_args(t.path("allowed/pipe")), access), std::runtime_error);
}
