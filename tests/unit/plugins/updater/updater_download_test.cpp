// The real libupdater.so, loaded by the host's loader, downloading a release signed at test time
// with Debian's minisign from a server on 127.0.0.1: what one app's pages can hold. A page that
// calls download again and again must not keep one archive file (up to maxArchiveBytes each) per
// call, nor run downloads side by side.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <boost/json.hpp>

#include "files.hpp"
#include "minisign_tool.hpp"
#include "plugin/app_hooks.hpp"
#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

using namespace warden::plugin;
namespace fs = std::filesystem;
namespace json = boost::json;
namespace mt = warden::signing::test;

namespace {

std::string base64(const std::string& in) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int value = 0, bits = -6;
  for (unsigned char c : in) {
    value = (value << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(table[(value >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(table[((value << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

// Serves GET /latest.json and GET /archive.tar.gz on 127.0.0.1, one connection at a time. While
// `hold` is set, an archive's body stops after its first bytes until release() (a download
// still running).
class ReleaseServer {
 public:
  ReleaseServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 16) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    socklen_t length = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &length);
    port = ntohs(a.sin_port);
  }
  ~ReleaseServer() {
    release();
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  void start() {
    thread_ = std::thread([this] { serve(); });
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
  void hold() { held_ = true; }
  void release() {
    std::lock_guard lock(mutex_);
    held_ = false;
    changed_.notify_all();
  }
  // Waits until an archive's body is held mid-way (the download is running).
  bool wait_until_holding() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(20), [this] { return holding_; });
  }

  // Every request's head as it arrived (request line and headers).
  std::vector<std::string> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  int port = 0;
  std::string latest_json, archive;
  std::atomic<int> archive_requests{0};

 private:
  void serve() {
    for (;;) {
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0 || stop_) {
        if (c >= 0) ::close(c);
        return;
      }
      answer(c);
      ::close(c);
    }
  }
  static bool write_all(int c, std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(c, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  void answer(int c) {
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      ssize_t n = ::read(c, buffer, sizeof buffer);
      if (n <= 0) return;
      request.append(buffer, static_cast<size_t>(n));
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    bool is_archive = request.rfind("GET /archive.tar.gz ", 0) == 0;
    const std::string& body = is_archive ? archive : latest_json;
    if (is_archive) ++archive_requests;
    std::string head = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (!write_all(c, head)) return;
    std::string_view rest = body;
    if (is_archive && held_) {
      write_all(c, rest.substr(0, 100));
      rest.remove_prefix(100);
      std::unique_lock lock(mutex_);
      holding_ = true;
      changed_.notify_all();
      changed_.wait(lock, [this] { return !held_; });
      holding_ = false;
    }
    write_all(c, rest);
  }

  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool held_ = false, holding_ = false;
  std::vector<std::string> requests_;
};

// The update run: an app folder at 1.0.0, a signed 1.1.0 archive of it, the server, the plugin.
class UpdaterDownloads : public ::testing::Test {
 protected:
  void SetUp() override {
    // The plugin's archives go to $TMPDIR: this test's own folder, so that they can be counted.
    previous_tmpdir_ = std::getenv("TMPDIR") ? std::optional<std::string>(std::getenv("TMPDIR")) : std::nullopt;
    ::setenv("TMPDIR", (t_ / "tmp").c_str(), 1);
    fs::create_directory(t_ / "tmp");
    app_ = t_ / "apps/myapp";
    t_.write("apps/myapp/warden.conf.json", R"({"identifier":"dev.warden.test","version":"1.0.0"})");
    t_.write("apps/myapp/frontend/index.html", "<p>1.0.0</p>");
    t_.write("release/warden.conf.json", R"({"identifier":"dev.warden.test","version":"1.1.0"})");
    t_.write("release/frontend/index.html", "<p>1.1.0</p>");
    auto tar = warden::test::run_process(
        {"tar", "-czf", (t_ / "release.tar.gz").string(), "-C", (t_ / "release").string(), "."});
    if (tar.exit_code != 0) throw std::runtime_error("GNU tar (Debian's tar) is needed and failed: " + tar.err);
    mt::KeyPair key = mt::make_key_pair(t_.path, "app");
    fs::path signature = mt::sign(key, t_ / "release.tar.gz", "dev.warden.test 1.1.0");
    server_.archive = warden::test::read_file(t_ / "release.tar.gz");
    if (server_.archive.size() <= 100) throw std::runtime_error("the archive is too small to be held mid-way");
    server_.latest_json = json::serialize(json::object{{"version", "1.1.0"},
                                                       {"url", server_.url("/archive.tar.gz")},
                                                       {"signature", base64(warden::test::read_file(signature))}});
    server_.start();
    std::string config = json::serialize(json::object{{"pubkey", base64(warden::test::read_file(key.pub))},
                                                      {"endpoints", json::array{server_.url("/latest.json")}},
                                                      {"dangerousInsecureTransportProtocol", true},
                                                      // The app's own headers are sent as written, a
                                                      // forbidden name too: its author chose them.
                                                      {"headers", json::object{{"Cookie", "from=config"}}}});
    HostOptions options;
    options.app = std::make_shared<AppHooks>();
    options.app->identity = AppIdentity{"dev.warden.test", "Test", "1.0.0"};
    std::string folder = fs::canonical(app_).string();
    // The real host: an install asks it whether the new version would start.
    options.app->launch_command = [folder] {
      return std::optional<std::vector<std::string>>({WARDEN_BIN, "run", folder});
    };
    environment_.resources = &table_;
    lib_ = PluginLibrary::load(WARDEN_UPDATER_PLUGIN, config, options);
  }
  void TearDown() override {
    table_.remove_plugin("updater");
    lib_.reset();
    if (previous_tmpdir_) ::setenv("TMPDIR", previous_tmpdir_->c_str(), 1);
    else ::unsetenv("TMPDIR");
  }

  CallRequest request(const std::string& command, const json::object& args, const std::string& page) {
    CallRequest r;
    r.command = command;
    r.args_json = json::serialize(args);
    r.caller.webview = page;
    r.environment = &environment_;
    return r;
  }
  // The answer, or throws the command's error.
  json::value call(const std::string& command, const json::object& args, const std::string& page = "main") {
    auto pending = lib_->invoke(request(command, args, page));
    return result_of(pending, command);
  }
  static json::value result_of(PendingCall& pending, const std::string& command) {
    auto result = pending.wait_for(std::chrono::seconds(30));
    if (!result) throw std::runtime_error(command + " did not complete");
    if (result->kind != CallResult::Kind::json) throw std::runtime_error(result->error);
    return json::parse(result->json);
  }
  std::string error_of(const std::string& command, const json::object& args, const std::string& page = "main") {
    try {
      call(command, args, page);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "succeeded";
  }
  // The archive files the process holds open: O_TMPFILE files in $TMPDIR ("<dir>/#123 (deleted)").
  int archive_files_open() const {
    std::string prefix = (t_ / "tmp").string() + "/";
    int count = 0;
    DIR* fds = ::opendir("/proc/self/fd");
    while (dirent* e = ::readdir(fds)) {
      char target[4096] = {};
      std::string link = std::string("/proc/self/fd/") + e->d_name;
      ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
      if (n > 0 && std::string_view(target).rfind(prefix, 0) == 0) ++count;
    }
    ::closedir(fds);
    return count;
  }

  warden::test::TempDir t_{"warden-updater-download"};
  fs::path app_;
  ReleaseServer server_;
  ResourceTable table_;
  CallEnvironment environment_;
  std::unique_ptr<PluginLibrary> lib_;
  std::optional<std::string> previous_tmpdir_;
};

}  // namespace

TEST_F(UpdaterDownloads, APageDownloadingAgainAndAgainHoldsOneArchive) {
  json::value update = call("check", {});
  ASSERT_TRUE(update.is_object()) << json::serialize(update);
  json::value rid = update.at("rid");
  std::vector<json::value> downloaded;
  for (int i = 0; i < 20; ++i) downloaded.push_back(call("download", {{"rid", rid}}));
  EXPECT_EQ(server_.archive_requests, 20) << "each download is a real one";
  EXPECT_EQ(archive_files_open(), 1) << "one archive kept per app, the newest";
  // The package's Update.install sends the newest rid; an earlier one says why it has nothing.
  std::string earlier = error_of("install", {{"updateRid", rid}, {"bytesRid", downloaded.front()}});
  EXPECT_NE(earlier.find("replaced by a newer download"), std::string::npos) << earlier;
  EXPECT_EQ(call("install", {{"updateRid", rid}, {"bytesRid", downloaded.back()}}), json::value(nullptr));
  EXPECT_EQ(warden::test::read_file(app_ / "frontend/index.html"), "<p>1.1.0</p>");
  EXPECT_EQ(archive_files_open(), 0) << "install took the archive";
}

TEST_F(UpdaterDownloads, ANewerDownloadOfAnotherPageReplacesTheKeptOneAndClosingDropsIt) {
  json::value first = call("check", {}, "first");
  json::value second = call("check", {}, "second");
  json::value first_bytes = call("download", {{"rid", first.at("rid")}}, "first");
  EXPECT_EQ(archive_files_open(), 1);
  json::value second_bytes = call("download", {{"rid", second.at("rid")}}, "second");
  EXPECT_EQ(archive_files_open(), 1) << "the app keeps one archive, whichever page asked";
  std::string replaced = error_of("install", {{"updateRid", first.at("rid")}, {"bytesRid", first_bytes}}, "first");
  EXPECT_NE(replaced.find("replaced by a newer download"), std::string::npos) << replaced;
  // The package's Update.close() closes the downloaded bytes' resource: the file goes with it.
  ASSERT_TRUE(table_.remove(ResourceOwner{"second", "app://localhost", 0}, "updater",
                            static_cast<uint32_t>(second_bytes.to_number<int64_t>())));
  EXPECT_EQ(archive_files_open(), 0);
  EXPECT_EQ(warden::test::read_file(app_ / "frontend/index.html"), "<p>1.0.0</p>");
}

TEST_F(UpdaterDownloads, ASecondDownloadWhileOneRunsIsRefused) {
  json::value update = call("check", {});
  json::value rid = update.at("rid");
  server_.hold();
  // The loader runs a command on the calling thread (the host's worker pool is not here): the
  // first download gets a thread of its own, as the pool would give it.
  std::optional<json::value> first_bytes;
  std::string first_error;
  std::thread first([&] {
    try {
      first_bytes = call("download", {{"rid", rid}});
    } catch (const std::exception& e) {
      first_error = e.what();
    }
  });
  if (!server_.wait_until_holding()) {
    server_.release();
    first.join();
    FAIL() << "the first download never reached the server: " << first_error;
  }
  EXPECT_NE(error_of("download", {{"rid", rid}}).find("already in progress"), std::string::npos);
  EXPECT_NE(error_of("download_and_install", {{"rid", rid}}).find("already in progress"), std::string::npos);
  EXPECT_EQ(server_.archive_requests, 1) << "the refused downloads asked nothing";
  EXPECT_EQ(archive_files_open(), 1) << "only the running download's file";
  server_.release();
  first.join();
  ASSERT_TRUE(first_bytes) << first_error;
  EXPECT_TRUE(first_bytes->is_number()) << json::serialize(*first_bytes);
  // The slot is free again once a download has ended.
  EXPECT_TRUE(call("download", {{"rid", rid}}).is_number());
  EXPECT_EQ(archive_files_open(), 1);
}

// The page's headers follow the Fetch standard's rules (the SDK's fetch_headers.hpp): forbidden
// ones never reach the server, the others do; a line break is refused before any request.
TEST_F(UpdaterDownloads, APagesForbiddenHeadersAreLeftOutAndTheConfigsSent) {
  json::array headers{json::array{"X-Test", "yes"},       json::array{"Host", "evil.example"},
                      json::array{"Cookie", "from=page"}, json::array{"Proxy-Authorization", "Basic eA=="},
                      json::array{"Sec-Fetch-Site", "none"}, json::array{"Content-Length", "0"},
                      json::array{"X-HTTP-Method-Override", "TRACE"}};
  json::value update = call("check", {{"headers", headers}});
  call("download", {{"rid", update.at("rid")}, {"headers", headers}});
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const std::string& request : requests) {
    EXPECT_NE(request.find("x-test: yes"), std::string::npos) << request;
    EXPECT_NE(request.find("Cookie: from=config"), std::string::npos) << request;
    for (const char* forbidden : {"evil.example", "from=page", "Basic eA==", "Sec-Fetch", "sec-fetch", "TRACE",
                                  "ontent-length"})
      EXPECT_EQ(request.find(forbidden), std::string::npos) << forbidden << " sent:\n" << request;
  }
  std::string injected = error_of("check", {{"headers", json::array{json::array{"X-A", "1\r\nX-Injected: 1"}}}});
  EXPECT_NE(injected.find("holds CR, LF or NUL"), std::string::npos) << injected;
  std::string bad_name = error_of("check", {{"headers", json::array{json::array{"X A", "1"}}}});
  EXPECT_NE(bad_name.find("not a valid HTTP token"), std::string::npos) << bad_name;
  EXPECT_EQ(server_.requests().size(), 2u) << "the refused checks asked nothing";
}
