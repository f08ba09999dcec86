// Update archives made here with libarchive's writer (the e2e makes them with tar and signs them
// with minisign): what extraction and the install accept and refuse, on real files.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_archive.hpp"
#include "app_install.hpp"
#include "process.hpp"
#include "update_leftovers.hpp"

namespace fs = std::filesystem;
namespace up = warden::updater;

namespace {

struct Entry {
  Entry(std::string p, unsigned t = AE_IFREG, std::string c = "", unsigned m = 0644, std::string l = "", bool h = false)
      : path(std::move(p)), type(t), content(std::move(c)), mode(m), link(std::move(l)), hardlink(h) {}
  std::string path;
  unsigned type;
  std::string content;
  unsigned mode;
  std::string link;  // symlink target, or hard link's
  bool hardlink;
};

std::string config(const std::string& id, const std::string& version) {
  return "{\n  // comments are allowed, as in the host's reader\n  \"identifier\": \"" + id + "\", \"version\": \"" +
         version + "\",\n}\n";
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "warden-updater-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A .tar.gz of `entries` in a file of `dir`; returns an fd open on it.
int make_archive(const fs::path& file, const std::vector<Entry>& entries) {
  archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, file.c_str());
  for (const Entry& e : entries) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.mode);
    if (e.hardlink) archive_entry_set_hardlink(entry, e.link.c_str());
    else if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.link.c_str());
    if (e.type == AE_IFREG && !e.hardlink) archive_entry_set_size(entry, e.content.size());
    archive_write_header(a, entry);
    if (!e.content.empty()) archive_write_data(a, e.content.data(), e.content.size());
    archive_entry_free(entry);
  }
  archive_write_close(a);
  archive_write_free(a);
  return ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Entry> app_entries(const std::string& id, const std::string& version) {
  return {{"./", AE_IFDIR, "", 0755},
          {"./warden.conf.json", AE_IFREG, config(id, version)},
          {"./frontend/", AE_IFDIR, "", 0755},
          {"./frontend/index.html", AE_IFREG, "<p>" + version + "</p>"}};
}

std::string refusal_of(const fs::path& into, int fd) {
  try {
    up::extract_app_archive(fd, into);
  } catch (const up::ArchiveRefused& e) {
    ::close(fd);
    return e.what();
  }
  ::close(fd);
  return "extracted";
}

// Debian's GNU tar, run as a release script would: the archives it makes with --sparse or with
// hard links are what a developer could sign by mistake. Missing tar fails the test.
void gnu_tar(const fs::path& dir, const std::vector<std::string>& options, const fs::path& archive) {
  std::vector<std::string> argv{"tar"};
  argv.insert(argv.end(), options.begin(), options.end());
  for (const std::string& a : {std::string("-czf"), archive.string(), std::string("-C"), dir.string(), std::string(".")})
    argv.push_back(a);
  auto result = warden::test::run_process(argv);
  if (result.exit_code != 0)
    throw std::runtime_error("GNU tar (Debian's tar package) is needed and failed: " + result.err);
}

// An app folder holding a file with a hole: 1 MiB apparent, a few bytes of data in the middle.
fs::path app_with_sparse_file(const fs::path& root) {
  fs::path app = root / "sparse-app";
  fs::create_directories(app / "frontend");
  std::ofstream(app / "warden.conf.json") << config("dev.app", "1.1.0");
  int fd = ::open((app / "frontend/data.bin").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  EXPECT_EQ(::pwrite(fd, "data", 4, 512 * 1024), 4);
  EXPECT_EQ(::ftruncate(fd, 1 << 20), 0);
  ::close(fd);
  return app;
}

}  // namespace

TEST(ArchiveExtract, RefusesSparseEntriesFromGnuTar) {
  // GNU tar's own sparse headers (--format=gnu, its default) and the PAX ones (GNU.sparse.*).
  for (const std::vector<std::string>& format : {std::vector<std::string>{"--sparse", "--format=gnu"},
                                                  std::vector<std::string>{"--sparse", "--format=pax"}}) {
    TempDir t;
    fs::path app = app_with_sparse_file(t.path());
    gnu_tar(app, format, t.path() / "sparse.tar.gz");
    fs::create_directory(t.path() / "out");
    std::string message = refusal_of(t.path() / "out", ::open((t.path() / "sparse.tar.gz").c_str(), O_RDONLY));
    EXPECT_NE(message.find("sparse files are not part of an app folder"), std::string::npos) << format[1] << ": " << message;
    EXPECT_NE(message.find("frontend/data.bin"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(t.path() / "out/frontend/data.bin")) << format[1];
    // Without --sparse the same folder is an ordinary archive: the hole comes back as zeros.
    gnu_tar(app, {}, t.path() / "plain.tar.gz");
    fs::remove_all(t.path() / "out");
    fs::create_directory(t.path() / "out");
    ASSERT_EQ(refusal_of(t.path() / "out", ::open((t.path() / "plain.tar.gz").c_str(), O_RDONLY)), "extracted");
    std::string data = read(t.path() / "out/frontend/data.bin");
    ASSERT_EQ(data.size(), 1u << 20);
    EXPECT_EQ(data.substr(512 * 1024, 4), "data");
    EXPECT_EQ(data.find_first_not_of('\0'), 512u * 1024);
  }
}

TEST(ArchiveExtract, RefusesHardLinksFromGnuTar) {
  TempDir t;
  fs::path app = t.path() / "app";
  fs::create_directories(app / "frontend");
  std::ofstream(app / "warden.conf.json") << config("dev.app", "1.1.0");
  std::ofstream(app / "frontend/a.js") << "a";
  fs::create_hard_link(app / "frontend/a.js", app / "frontend/b.js");
  gnu_tar(app, {}, t.path() / "linked.tar.gz");
  fs::create_directory(t.path() / "out");
  std::string message = refusal_of(t.path() / "out", ::open((t.path() / "linked.tar.gz").c_str(), O_RDONLY));
  EXPECT_NE(message.find("hard links are not part of an app folder"), std::string::npos) << message;
}

TEST(ArchiveEntry, ChecksEachPath) {
  EXPECT_EQ(up::check_entry("./frontend/a.js", up::EntryKind::file, false).relative, "frontend/a.js");
  EXPECT_EQ(up::check_entry("frontend//a.js", up::EntryKind::file, false).relative, "frontend/a.js");
  EXPECT_EQ(up::check_entry("./", up::EntryKind::directory, false).relative, "");
  EXPECT_TRUE(up::check_entry("../x", up::EntryKind::file, false).problem);
  EXPECT_TRUE(up::check_entry("a/../../x", up::EntryKind::file, false).problem);
  EXPECT_TRUE(up::check_entry("/etc/passwd", up::EntryKind::file, false).problem);
  EXPECT_TRUE(up::check_entry("a\\..\\b", up::EntryKind::file, false).problem);
  EXPECT_TRUE(up::check_entry("link", up::EntryKind::other, false).problem);
  EXPECT_TRUE(up::check_entry("hard", up::EntryKind::file, true).problem);
  EXPECT_TRUE(up::check_entry(".", up::EntryKind::file, false).problem);
}

TEST(ArchiveExtract, WritesFilesAndFoldersWithoutSetuid) {
  TempDir t;
  fs::create_directory(t.path() / "out");
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"./bin/tool", AE_IFREG, "#!/bin/sh\n", 04755});
  ASSERT_EQ(refusal_of(t.path() / "out", make_archive(t.path() / "a.tar.gz", entries)), "extracted");
  EXPECT_EQ(read(t.path() / "out/frontend/index.html"), "<p>1.1.0</p>");
  struct stat st {};
  ASSERT_EQ(::stat((t.path() / "out/bin/tool").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07000, 0u) << "setuid restored";
  EXPECT_NE(st.st_mode & 0100, 0u) << "the execute bit is kept";
}

TEST(ArchiveExtract, TheOwnerCanAlwaysReadAndRemoveWhatWasExtracted) {
  TempDir t;
  fs::create_directory(t.path() / "out");
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"./locked/", AE_IFDIR, "", 0});
  entries.push_back({"./locked/secret", AE_IFREG, "x", 0});
  ASSERT_EQ(refusal_of(t.path() / "out", make_archive(t.path() / "a.tar.gz", entries)), "extracted");
  struct stat st {};
  ASSERT_EQ(::stat((t.path() / "out/locked").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0700, 0700u);
  ASSERT_EQ(::stat((t.path() / "out/locked/secret").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0600, 0600u);
}

TEST(ArchiveExtract, RefusesEntriesThatLeaveTheFolderOrAreNotFilesOrFolders) {
  struct Case {
    const char* name;
    Entry entry;
    const char* expected;
  };
  std::vector<Case> cases = {
      {"dotdot", {"../escaped", AE_IFREG, "x"}, "'..'"},
      {"nested dotdot", {"./frontend/../../escaped", AE_IFREG, "x"}, "'..'"},
      {"absolute", {"/tmp/warden-updater-absolute", AE_IFREG, "x"}, "absolute"},
      {"symlink", {"./frontend/link", AE_IFLNK, "", 0777, "/etc"}, "only files and folders"},
      {"hardlink", {"./frontend/hard", AE_IFREG, "", 0644, "./warden.conf.json", true}, "hard links"},
      {"fifo", {"./fifo", AE_IFIFO, ""}, "only files and folders"},
      {"device", {"./dev", AE_IFCHR, ""}, "only files and folders"},
  };
  for (const Case& c : cases) {
    TempDir t;
    fs::create_directory(t.path() / "out");
    auto entries = app_entries("dev.app", "1.1.0");
    entries.push_back(c.entry);
    std::string message = refusal_of(t.path() / "out", make_archive(t.path() / "a.tar.gz", entries));
    EXPECT_NE(message.find(c.expected), std::string::npos) << c.name << ": " << message;
    EXPECT_FALSE(fs::exists(t.path() / "escaped")) << c.name;
  }
  EXPECT_FALSE(fs::exists("/tmp/warden-updater-absolute"));
}

TEST(ArchiveExtract, CapsEntriesAndSizeAsTheyCome) {
  TempDir t;
  fs::create_directory(t.path() / "out");
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"./big", AE_IFREG, std::string(4096, 'x')});
  int fd = make_archive(t.path() / "a.tar.gz", entries);
  try {
    up::extract_app_archive(fd, t.path() / "out", {100, 1000});
    FAIL() << "extracted past the size cap";
  } catch (const up::ArchiveRefused& e) {
    EXPECT_NE(std::string(e.what()).find("1000 bytes"), std::string::npos) << e.what();
  }
  ::close(fd);
  fs::remove_all(t.path() / "out");
  fs::create_directory(t.path() / "out");
  fd = make_archive(t.path() / "b.tar.gz", app_entries("dev.app", "1.1.0"));
  try {
    up::extract_app_archive(fd, t.path() / "out", {2, 1 << 20});
    FAIL() << "extracted past the entry cap";
  } catch (const up::ArchiveRefused& e) {
    EXPECT_NE(std::string(e.what()).find("more than 2 entries"), std::string::npos) << e.what();
  }
  ::close(fd);
}

TEST(ArchiveExtract, RefusesWhatIsNotATarGz) {
  TempDir t;
  fs::create_directory(t.path() / "out");
  { std::ofstream(t.path() / "x.zip") << "PK\x03\x04 not a tar"; }
  int fd = ::open((t.path() / "x.zip").c_str(), O_RDONLY);
  EXPECT_NE(refusal_of(t.path() / "out", fd), "extracted");
}

class Install : public ::testing::Test {
 protected:
  void SetUp() override {
    app_ = t_.path() / "apps" / "myapp";
    fs::create_directories(app_ / "frontend");
    std::ofstream(app_ / "warden.conf.json") << config("dev.app", "1.0.0");
    std::ofstream(app_ / "frontend/index.html") << "<p>1.0.0</p>";
  }
  up::RunningApp running(bool downgrades = false) {
    // The real host answers whether the new version would start (start_check.hpp).
    return {{fs::canonical(app_), {}, WARDEN_BIN}, "dev.app", *up::parse_semver("1.0.0"), downgrades};
  }
  std::string install(const std::vector<Entry>& entries, const up::RunningApp& app) {
    int fd = make_archive(t_.path() / "u.tar.gz", entries);
    try {
      auto outcome = up::install_app_archive(fd, app);
      ::close(fd);
      return "installed " + outcome.version;
    } catch (const std::exception& e) {
      ::close(fd);
      return e.what();
    }
  }
  // The app folder as it was and nothing left beside it.
  void expect_untouched() {
    EXPECT_EQ(read(app_ / "frontend/index.html"), "<p>1.0.0</p>");
    EXPECT_EQ(read(app_ / "warden.conf.json"), config("dev.app", "1.0.0"));
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(app_.parent_path())) names.push_back(e.path().filename());
    EXPECT_EQ(names, std::vector<std::string>{"myapp"});
  }
  TempDir t_;
  fs::path app_;
};

TEST_F(Install, SwapsANewerVersionIn) {
  EXPECT_EQ(install(app_entries("dev.app", "1.1.0"), running()), "installed 1.1.0");
  EXPECT_EQ(read(app_ / "frontend/index.html"), "<p>1.1.0</p>");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(app_.parent_path())) names.push_back(e.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"myapp"}) << "the old version's folder is removed";
}

TEST_F(Install, RefusesAnotherAppAndKeepsTheFolder) {
  EXPECT_NE(install(app_entries("dev.other", "1.1.0"), running()).find("another app"), std::string::npos);
  expect_untouched();
}

TEST_F(Install, RefusesAnOlderOrEqualVersionUnlessDowngradesAreAllowed) {
  EXPECT_NE(install(app_entries("dev.app", "0.9.0"), running()).find("not newer"), std::string::npos);
  expect_untouched();
  EXPECT_NE(install(app_entries("dev.app", "1.0.0"), running()).find("not newer"), std::string::npos);
  expect_untouched();
  EXPECT_EQ(install(app_entries("dev.app", "0.9.0"), running(true)), "installed 0.9.0");
}

TEST_F(Install, RefusesAnArchiveThatIsNotAWardenApp) {
  EXPECT_NE(install({{"./", AE_IFDIR, "", 0755}, {"./myapp.AppImage", AE_IFREG, "ELF"}}, running())
                .find("not a Warden app"),
            std::string::npos);
  expect_untouched();
}

TEST_F(Install, RefusesATraversalEntryAfterPartialExtraction) {
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"../myapp/frontend/index.html", AE_IFREG, "<p>pwned</p>"});
  EXPECT_NE(install(entries, running()).find("'..'"), std::string::npos);
  expect_untouched();
}

TEST_F(Install, APluginFolderInsideTheAppMustComeWithTheArchive) {
  fs::create_directory(app_ / "plugins");
  up::RunningApp app = running();
  app.location.plugin_folders.push_back(fs::canonical(app_ / "plugins"));
  fs::path outside = t_.path() / "shared-plugins";
  fs::create_directory(outside);
  app.location.plugin_folders.push_back(fs::canonical(outside));
  EXPECT_NE(install(app_entries("dev.app", "1.1.0"), app).find("'plugins'"), std::string::npos);
  EXPECT_TRUE(fs::exists(app_ / "plugins"));
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"./plugins/", AE_IFDIR, "", 0755});
  EXPECT_EQ(install(entries, app), "installed 1.1.0");
  EXPECT_TRUE(fs::is_empty(outside));
}

// A signed archive the host would refuse to run (its capability names a plugin this run does
// not load) is a failed update: refused before the swap, the old version kept.
TEST_F(Install, RefusesAVersionTheHostWouldNotStart) {
  auto entries = app_entries("dev.app", "1.1.0");
  entries.push_back({"./capabilities/", AE_IFDIR, "", 0755});
  entries.push_back({"./capabilities/ping.json", AE_IFREG,
                     R"({ "identifier": "ping-main", "windows": ["main"], "permissions": ["ping:default"] })"});
  std::string refusal = install(entries, running());
  EXPECT_NE(refusal.find("the new version would not start"), std::string::npos) << refusal;
  EXPECT_NE(refusal.find("unknown plugin 'ping'"), std::string::npos) << refusal;
  expect_untouched();
  up::RunningApp no_host = running();
  no_host.location.host_binary.clear();
  EXPECT_NE(install(app_entries("dev.app", "1.1.0"), no_host).find("names no host"), std::string::npos);
  expect_untouched();
}

TEST(LaunchCommand, GivesTheAppAndPluginFolders) {
  TempDir t;
  fs::create_directories(t.path() / "app");
  fs::create_directories(t.path() / "plugins");
  std::vector<std::string> command{"/usr/bin/warden", "run", (t.path() / "app").string(), "--plugins",
                                   (t.path() / "plugins").string()};
  auto location = up::app_location_of_launch_command(command);
  EXPECT_EQ(location.folder, fs::canonical(t.path() / "app"));
  ASSERT_EQ(location.plugin_folders.size(), 1u);
  EXPECT_EQ(location.host_binary, "/usr/bin/warden");
  EXPECT_THROW(up::app_location_of_launch_command({"/w", "plugin", "/"}), std::runtime_error);
  EXPECT_THROW(up::app_location_of_launch_command({"/w", "run", "/nonexistent-warden-app"}), std::runtime_error);
  EXPECT_THROW(up::app_location_of_launch_command({"/w", "run", (t.path() / "app").string(), "--plugins"}),
               std::runtime_error);
  EXPECT_THROW(up::app_location_of_launch_command({"/w"}), std::runtime_error);
}

// A run killed mid-extraction leaves its update folder; the next install removes it, and only it.
TEST_F(Install, RemovesAKilledRunsLeftoversAndNothingElse) {
  fs::path parent = app_.parent_path();
  fs::path stale = parent / ".myapp.update-Ab12Cd";
  fs::create_directories(stale / "frontend/deep");
  std::ofstream(stale / "frontend/deep/index.html") << "half";
  ::chmod((stale / "frontend/deep").c_str(), 0500);  // extracted without write permission: still removed
  fs::path elsewhere = t_.path() / "elsewhere";
  fs::create_directories(elsewhere / "keep");
  std::ofstream(elsewhere / "keep/file") << "precious";
  fs::create_directory_symlink(elsewhere, stale / "frontend/link");  // inside a leftover: unlinked, not followed
  fs::create_directory_symlink(elsewhere, parent / ".myapp.update-Sym123");  // named like one: left alone
  fs::create_directory(parent / ".myapp.update-TooLong1");                  // not the pattern
  fs::create_directory(parent / ".other.update-Ab12Cd");                    // another app's
  std::ofstream(parent / ".myapp.update-File12") << "a file";               // not a folder

  EXPECT_EQ(install(app_entries("dev.app", "1.1.0"), running()), "installed 1.1.0");
  EXPECT_FALSE(fs::exists(fs::symlink_status(stale)));
  EXPECT_TRUE(fs::is_symlink(parent / ".myapp.update-Sym123"));
  EXPECT_EQ(read(elsewhere / "keep/file"), "precious");
  EXPECT_TRUE(fs::is_directory(parent / ".myapp.update-TooLong1"));
  EXPECT_TRUE(fs::is_directory(parent / ".other.update-Ab12Cd"));
  EXPECT_TRUE(fs::is_regular_file(parent / ".myapp.update-File12"));
  EXPECT_EQ(read(app_ / "frontend/index.html"), "<p>1.1.0</p>");
}

// Another run of the same app holding the update lock (extracting now): this install is refused
// and touches nothing, not even what looks like a leftover (it may be that run's folder).
TEST_F(Install, AnotherRunsInstallHoldsTheLock) {
  fs::path busy = app_.parent_path() / ".myapp.update-Busy12";
  fs::create_directory(busy);
  std::ofstream(busy / "warden.conf.json") << "being written";
  std::optional<up::UpdateLock> other_run(std::in_place, fs::canonical(app_));  // its own open file: a separate lock
  std::string message = install(app_entries("dev.app", "1.1.0"), running());
  EXPECT_NE(message.find("another run of this app is installing an update"), std::string::npos) << message;
  EXPECT_EQ(read(busy / "warden.conf.json"), "being written");
  EXPECT_EQ(read(app_ / "frontend/index.html"), "<p>1.0.0</p>");
  other_run.reset();
  EXPECT_EQ(install(app_entries("dev.app", "1.1.0"), running()), "installed 1.1.0");
  EXPECT_FALSE(fs::exists(busy));
}
