// The scoped-open probe's real .so (a third-party-style plugin built against the SDK's include
// folder only), loaded by the host's real loader with the host's real warden.path-scope/1, on
// real files. The probe's hook stops each command between the host's check and the open (two
// FIFOs this test controls), so a symlink is swapped in exactly there, without sleeps: the open
// is refused, while the same path left alone opens.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "plugin/plugin_library.hpp"

using namespace warden::plugin;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

class ScopedOpenProbe : public ::testing::Test {
 protected:
  ScopedOpenProbe() {
    std::string tmpl = (fs::temp_directory_path() / "warden-scoped-open-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = fs::canonical(tmpl);
    write("allowed/dir/file", "harmless");
    write("allowed/logs/app.log", "LOG");
    write("outside/file", "SECRET");
    fs::create_directories(root_ / "outside/sub");
    write("outside/sub/secret-entry", "SECRET");
    HostOptions options;
    options.paths.private_paths = {(root_ / "allowed/logs").string()};  // as $APPLOG is
    library_ = PluginLibrary::load(WARDEN_SCOPED_OPEN_PROBE, "{}", options);
  }
  ~ScopedOpenProbe() override {
    library_.reset();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << text;
  }
  std::string path(const std::string& rel) const { return (root_ / rel).string(); }

  CallRequest request(const std::string& command, json::object args) const {
    CallRequest r;
    r.command = command;
    r.args_json = json::serialize(args);
    r.scopes_json = json::serialize(json::object{
        {"command", json::object{{"allow", json::array{json::value(path("allowed") + "/**")}}, {"deny", nullptr}}},
        {"global", nullptr}});
    return r;
  }

  CallResult run(const std::string& command, const std::string& rel) {
    auto result = library_->invoke(request(command, {{"path", path(rel)}})).wait_for(60s);
    if (!result) throw std::runtime_error("the probe did not complete");
    return *result;
  }

  // Runs `command` on `rel` on a worker thread, stopped between the host's check and the open;
  // `between` runs there (the canonical path judged is its argument), then the command goes on.
  CallResult run_with_pause(const std::string& command, const std::string& rel,
                            const std::function<void(const std::string&)>& between) {
    std::string checked = path("checked.fifo"), proceed = path("proceed.fifo");
    fs::remove(checked);
    fs::remove(proceed);
    if (::mkfifo(checked.c_str(), 0600) != 0 || ::mkfifo(proceed.c_str(), 0600) != 0)
      throw std::runtime_error("mkfifo failed");
    std::optional<CallResult> result;
    std::thread worker([&] {
      result = library_->invoke(request(command, {{"path", path(rel)}, {"checked", checked}, {"proceed", proceed}}))
                   .wait_for(60s);
    });
    std::string canonical = read_line(checked);
    if (!canonical.empty()) {
      between(canonical);
      int out = ::open(proceed.c_str(), O_WRONLY | O_CLOEXEC);  // the probe waits on it
      EXPECT_GE(out, 0);
      if (out >= 0) {
        EXPECT_EQ(::write(out, "go\n", 3), 3);
        ::close(out);
      }
    }
    worker.join();
    if (!result) throw std::runtime_error("the probe did not complete");
    return *result;
  }

  // One line from the FIFO the probe writes once the host judged the path; "" when it never
  // does (the check refused it), bounded so a broken probe fails the test instead of hanging it.
  static std::string read_line(const std::string& fifo) {
    int fd = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return "";
    std::string line;
    pollfd p{fd, POLLIN, 0};
    while (line.empty() || line.back() != '\n') {
      if (::poll(&p, 1, 60000) <= 0) break;
      char buf[4096];
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n > 0) line.append(buf, static_cast<std::size_t>(n));
      else if (n == 0 && !line.empty()) break;
    }
    ::close(fd);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    return line;
  }

  static json::value answer(const CallResult& r) {
    EXPECT_EQ(r.kind, CallResult::Kind::json) << r.error;
    return r.kind == CallResult::Kind::json ? json::parse(r.json) : json::value();
  }

  fs::path root_;
  std::unique_ptr<PluginLibrary> library_;
};

TEST_F(ScopedOpenProbe, TheSamePathWithoutASwapOpens) {
  json::value v = answer(run_with_pause("read", "allowed/dir/file", [](const std::string&) {}));
  EXPECT_EQ(v.at("text").as_string(), "harmless");
  EXPECT_EQ(v.at("canonical").as_string(), path("allowed/dir/file"));
  json::value listed = answer(run_with_pause("list", "allowed/dir", [](const std::string&) {}));
  EXPECT_EQ(json::serialize(listed.at("entries")), R"(["file"])");
}

TEST_F(ScopedOpenProbe, AFolderSwappedForASymlinkBetweenCheckAndOpenIsRefused) {
  CallResult r = run_with_pause("read", "allowed/dir/file", [&](const std::string& canonical) {
    EXPECT_EQ(canonical, path("allowed/dir/file"));
    fs::rename(path("allowed/dir"), path("allowed/dir-old"));
    fs::create_directory_symlink(path("outside"), path("allowed/dir"));  // allowed/dir/file -> outside/file
  });
  ASSERT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_TRUE(r.scope_refused) << r.error;
  EXPECT_NE(r.error.find("symlink"), std::string::npos) << r.error;
  EXPECT_EQ(r.error.find("SECRET"), std::string::npos);
  // The link is still there: the same read judged now is refused by the host itself.
  CallResult again = run("read", "allowed/dir/file");
  EXPECT_TRUE(again.scope_refused) << again.error;
}

TEST_F(ScopedOpenProbe, AFileSwappedForASymlinkBetweenCheckAndOpenIsRefused) {
  CallResult r = run_with_pause("read", "allowed/dir/file", [&](const std::string&) {
    fs::remove(path("allowed/dir/file"));
    fs::create_symlink(path("outside/file"), path("allowed/dir/file"));
  });
  ASSERT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_TRUE(r.scope_refused) << r.error;
  EXPECT_EQ(r.error.find("SECRET"), std::string::npos);
}

TEST_F(ScopedOpenProbe, AListedFolderSwappedForASymlinkIsRefused) {
  CallResult r = run_with_pause("list", "allowed/dir", [&](const std::string&) {
    fs::rename(path("allowed/dir"), path("allowed/dir-old"));
    fs::create_directory_symlink(path("outside/sub"), path("allowed/dir"));
  });
  ASSERT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_TRUE(r.scope_refused) << r.error;
  EXPECT_EQ(r.error.find("secret-entry"), std::string::npos);
}

TEST_F(ScopedOpenProbe, TheHostJudgesTheCanonicalPathAndKeepsItsPrivateFolders) {
  // A link inside the scope to a place inside it: the canonical path is what is judged and read.
  fs::create_directory_symlink(path("allowed/dir"), path("allowed/alias"));
  json::value v = answer(run("read", "allowed/alias/file"));
  EXPECT_EQ(v.at("canonical").as_string(), path("allowed/dir/file"));
  EXPECT_EQ(v.at("text").as_string(), "harmless");
  // A link inside the scope to the outside: refused at the check, with the canonical path named.
  fs::create_symlink(path("outside/file"), path("allowed/out-link"));
  CallResult out = run("read", "allowed/out-link");
  EXPECT_TRUE(out.scope_refused) << out.error;
  EXPECT_NE(out.error.find(path("outside/file")), std::string::npos) << out.error;
  EXPECT_TRUE(run("read", "outside/file").scope_refused);
  // The host-private folder inside the scope ($APPLOG in $APPDATA) is refused whatever it allows.
  CallResult log = run("read", "allowed/logs/app.log");
  EXPECT_TRUE(log.scope_refused) << log.error;
  EXPECT_NE(log.error.find("host"), std::string::npos) << log.error;
  // A relative path is malformed input, refused too.
  CallResult relative = library_->invoke(request("read", {{"path", "allowed/dir/file"}})).wait_for(60s).value();
  EXPECT_TRUE(relative.scope_refused) << relative.error;
}

}  // namespace
