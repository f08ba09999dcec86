// The real libhttp.so under the host's loader with SSL_CERT_FILE naming a file that does not
// exist: an https request fails with a message that names the variable and the path (libcurl's
// own is "error setting certificate file"), and the HTTP request never goes out: a loopback
// listener that accepts records what it receives (at most libcurl's TLS ClientHello, since
// libcurl loads the trust store when it must verify the server, not before its first byte).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"

using namespace warden::plugin;
namespace json = boost::json;

namespace {

// Accepts connections and keeps the bytes they send within a moment.
struct RecordingListener {
  int fd = -1;
  int port = 0;
  std::string received;  // read once the thread has ended
  std::atomic<int> accepted{0};
  std::atomic<bool> stop{false};
  std::thread thread;
  RecordingListener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 8) != 0) return;
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    thread = std::thread([this] {
      while (!stop) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) != 1) continue;
        int c = ::accept(fd, nullptr, nullptr);
        if (c < 0) continue;
        ++accepted;
        char buffer[4096];
        for (pollfd q{c, POLLIN, 0}; ::poll(&q, 1, 500) == 1;) {
          ssize_t n = ::read(c, buffer, sizeof buffer);
          if (n <= 0) break;
          received.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(c);
      }
    });
  }
  ~RecordingListener() {
    stop = true;
    if (thread.joinable()) thread.join();
    ::close(fd);
  }
};

}  // namespace

TEST(HttpTrust, AnUnreadableCertificateFileIsNamed) {
  RecordingListener server;
  ASSERT_NE(server.port, 0);
  std::string missing = "/nonexistent/warden-test-ca-" + std::to_string(::getpid()) + ".pem";
  ::setenv("SSL_CERT_FILE", missing.c_str(), 1);  // read by the plugin's init
  ::unsetenv("SSL_CERT_DIR");
  ResourceTable table;
  CallEnvironment env;
  env.resources = &table;
  auto lib = PluginLibrary::load(WARDEN_HTTP_PLUGIN, "{}");
  auto call = [&](const std::string& command, json::object args) {
    CallRequest r;
    r.command = command;
    r.args_json = json::serialize(args);
    r.scopes_json = R"({"command":{"allow":[{"url":"https://127.0.0.1:*"}],"deny":[]},"global":null})";
    r.caller.webview = "main";
    r.caller.origin = "app://localhost";
    r.environment = &env;
    auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(20));
    if (!result) throw std::runtime_error(command + " did not complete");
    return *result;
  };
  std::string url = "https://127.0.0.1:" + std::to_string(server.port) + "/x";
  CallResult made = call("fetch", {{"clientConfig", {{"method", "GET"}, {"url", url}, {"headers", json::array{}}}}});
  ASSERT_EQ(made.kind, CallResult::Kind::json) << made.error;
  CallResult sent = call("fetch_send", {{"rid", json::parse(made.json)}});
  ASSERT_EQ(sent.kind, CallResult::Kind::error);
  EXPECT_NE(sent.error.find("the trusted certificates cannot be read: SSL_CERT_FILE names '" + missing +
                            "', which cannot be read: No such file or directory"),
            std::string::npos)
      << sent.error;
  table.remove_plugin("http");
  server.stop = true;
  server.thread.join();
  EXPECT_EQ(server.received.find("GET"), std::string::npos) << "the request went out without a trust store";
  if (!server.received.empty()) EXPECT_EQ(server.received[0], '\x16') << "anything but a TLS handshake record";
}
