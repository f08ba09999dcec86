// Store files: a damaged file is an error naming the file and where the JSON breaks, never
// replaced; a save replaces the file atomically and a failed save leaves the old file intact.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

#include "store_file.hpp"
#include "temp_dir.hpp"

using namespace warden::store_plugin;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string read_error(const fs::path& file) {
  try {
    read_store_file(file);
    return "read without error";
  } catch (const std::runtime_error& e) {
    return e.what();
  }
}

std::size_t entries_in(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST(StoreFile, MissingFileIsNoContentAndAnObjectReadsBack) {
  warden::test::TempDir tmp;
  EXPECT_FALSE(read_store_file(tmp.path / "none.json").has_value());
  warden::test::write_file(tmp.path / "s.json", R"({"a": 1, "b": {"c": [true, null]}})");
  auto content = read_store_file(tmp.path / "s.json");
  ASSERT_TRUE(content.has_value());
  EXPECT_EQ(json::value(*content), json::parse(R"({"a":1,"b":{"c":[true,null]}})"));
}

TEST(StoreFile, DamagedFilesNameTheFileAndThePositionAndStayAsTheyAre) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "broken.json";
  std::string broken = "{\n  \"a\": 1,\n  \"b\": tru\n}";
  warden::test::write_file(file, broken);
  std::string message = read_error(file);
  EXPECT_NE(message.find("'" + file.string() + "'"), std::string::npos) << message;
  EXPECT_NE(message.find("line 3, column"), std::string::npos) << message;
  EXPECT_EQ(warden::test::read_file(file), broken);

  warden::test::write_file(file, "{\"a\": 1");  // cut short, as a torn write would leave it
  message = read_error(file);
  EXPECT_NE(message.find("not valid JSON"), std::string::npos) << message;
  EXPECT_NE(message.find("line 1, column 8"), std::string::npos) << message;

  warden::test::write_file(file, "{} {}");
  EXPECT_NE(read_error(file).find("line 1, column 4"), std::string::npos) << read_error(file);

  warden::test::write_file(file, "");
  EXPECT_NE(read_error(file).find("not valid JSON"), std::string::npos);

  warden::test::write_file(file, "[1, 2]");
  EXPECT_NE(read_error(file).find("holds an array, expected a JSON object"), std::string::npos) << read_error(file);

  fs::create_directories(tmp.path / "dir.json");
  EXPECT_NE(read_error(tmp.path / "dir.json").find("dir.json"), std::string::npos);
}

TEST(StoreFile, PrettyJsonRoundTrips) {
  json::value v = json::parse(R"({"a":[1,{"b":"x\"y"}],"e":{},"f":[],"n":null,"u":"\u00e9"})");
  std::string text = to_pretty_json(v);
  EXPECT_EQ(json::parse(text), v);
  EXPECT_EQ(text.substr(0, 15), "{\n  \"a\": [\n    ");
  EXPECT_NE(text.find("\"e\": {}"), std::string::npos) << text;
}

TEST(StoreFile, AtomicWriteReplacesTheFileLeavesNoTemporaryAndKeepsTheMode) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "deep" / "er" / "s.json";
  write_file_atomically(file, "{\"v\": 1}");
  EXPECT_EQ(warden::test::read_file(file), "{\"v\": 1}");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // a new store file is private
  ::chmod(file.c_str(), 0640);
  write_file_atomically(file, "{\"v\": 2}");
  EXPECT_EQ(warden::test::read_file(file), "{\"v\": 2}");
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(entries_in(file.parent_path()), 1u);
}

TEST(StoreFile, AFailedWriteLeavesTheOldFileIntact) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  write_file_atomically(file, "{\"old\": true}");
  // A file size limit makes the write itself fail (EFBIG), even for root.
  std::string big(64 * 1024, 'x');
  struct rlimit old_limit {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old_limit;
  small.rlim_cur = 1024;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    write_file_atomically(file, "{\"new\": \"" + big + "\"}");
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  ::signal(SIGXFSZ, old_handler);
  EXPECT_NE(message.find("cannot write"), std::string::npos) << message;
  EXPECT_EQ(warden::test::read_file(file), "{\"old\": true}");
  EXPECT_EQ(entries_in(tmp.path), 1u);  // the temporary file is gone
}

TEST(StoreFile, AReadOnlyFolderFailsTheSaveNamingTheFile) {
  warden::test::TempDir tmp;
  fs::path dir = tmp.path / "ro";
  fs::create_directories(dir);
  fs::path file = dir / "s.json";
  write_file_atomically(file, "{\"old\": true}");
  // Root writes into any folder whatever its mode: the save runs in a child that gives up root.
  fs::permissions(tmp.path, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  ::chown(dir.c_str(), 65534, 65534);
  ::chmod(dir.c_str(), 0555);
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    std::string message = "saved";
    try {
      write_file_atomically(file, "{\"new\": true}");
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    ssize_t ignored = ::write(pipe_fds[1], message.data(), message.size());
    (void)ignored;
    ::_exit(0);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buf[512];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;) message.append(buf, static_cast<std::size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  EXPECT_NE(message.find("cannot create a temporary file beside '" + file.string() + "'"), std::string::npos)
      << message;
  EXPECT_NE(message.find("Permission denied"), std::string::npos) << message;
  EXPECT_EQ(warden::test::read_file(file), "{\"old\": true}");
}
