// warden.single-instance/1's parts without a display: the private folder of the instance sockets
// (a symlink, another owner, a folder others may enter: refused), the claim (two starts at once
// make one instance, a stale socket is replaced, a lock holder that never listens is reported),
// the listener (a peer of another uid, an oversized, malformed or never-finished message: refused
// and not handed on), the subscribers, app.singleInstance in warden.conf.json, and
// warden.single-instance/1 through plugins' real HostServices wired to a run's RunSingleInstance.
// Peers of another uid are real processes run as nobody (setpriv), against a socket in a folder
// opened for the test.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <glib.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/app_config.hpp"
#include "cli/single_instance_claim.hpp"
#include "cli/single_instance_directory.hpp"
#include "cli/single_instance_listener.hpp"
#include "cli/single_instance_message.hpp"
#include "cli/single_instance_run.hpp"
#include "cli/single_instance_subscribers.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/single_instance.h"

using namespace warden::cli;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr uid_t kNobody = 65534;
constexpr const char* kSetpriv = "/usr/bin/setpriv";
constexpr const char* kPython = "/usr/bin/python3";  // a system one: nobody cannot enter /root's

// A folder made for one test, removed after it.
struct TempDir {
  fs::path path;
  explicit TempDir(mode_t mode = 0700) {
    char name[] = "/tmp/warden-si-test-XXXXXX";
    if (!::mkdtemp(name)) throw std::runtime_error("mkdtemp failed");
    path = name;
    ::chmod(name, mode);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Runs the default main context (where InstanceListener listens) until `done` or `within`.
bool iterate_until(const std::function<bool()>& done, std::chrono::milliseconds within = 10s) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    while (g_main_context_iteration(nullptr, FALSE)) {
    }
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

void require_tool(const char* path) {
  ASSERT_EQ(::access(path, X_OK), 0) << path << " is needed to run a peer as another user (Debian: util-linux, python3)";
}

// A process as nobody: setpriv --reuid=65534 --regid=65534 --clear-groups python3 -c <script> <args>.
// Its stdout is a pipe the test reads.
struct NobodyProcess {
  pid_t pid = -1;
  int out = -1;
  NobodyProcess(const std::string& script, const std::vector<std::string>& args) {
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::vector<std::string> argv{kSetpriv, "--reuid=65534", "--regid=65534", "--clear-groups", kPython, "-c", script};
    argv.insert(argv.end(), args.begin(), args.end());
    pid = ::fork();
    if (pid == 0) {
      ::dup2(pipe_fds[1], 1);
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      ::execv(kSetpriv, raw.data());
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    out = pipe_fds[0];
  }
  std::string read_line() {
    std::string line;
    char c;
    while (::read(out, &c, 1) == 1 && c != '\n') line += c;
    return line;
  }
  // Its exit status once it ends, iterating the main context meanwhile; nullopt after `within`.
  std::optional<int> wait(std::chrono::milliseconds within = 10s) {
    int status = 0;
    bool ended = iterate_until([&] { return ::waitpid(pid, &status, WNOHANG) == pid; }, within);
    if (!ended) return std::nullopt;
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  }
  ~NobodyProcess() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
    if (out >= 0) ::close(out);
  }
};

// A plain client of the instance socket: sends `message` whole, then reads the answer to the end.
std::string send_raw(const fs::path& socket_path, const std::string& message, bool send_nothing = false) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "<connect failed>";
  }
  if (!send_nothing) {
    size_t sent = 0;
    while (sent < message.size()) {
      ssize_t n = ::send(fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
  }
  std::string answer;
  char buffer[256];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) answer.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  return answer;
}

// A socket file nobody listens on: what an instance killed with SIGKILL leaves.
void leave_stale_socket(const fs::path& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::listen(fd, 1);
  ::close(fd);
}

std::string message_of(const std::vector<std::string>& args) { return handover_message(args, "/home/ana"); }

}  // namespace

// ---- the private folder ----

TEST(InstancesFolder, MadeMode0700AndAccepted) {
  TempDir base;
  fs::path dir = base.path / "instances";
  make_private_directory(dir, ::geteuid());
  struct stat st{};
  ASSERT_EQ(::lstat(dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(private_directory_problem(dir, ::geteuid()), std::nullopt);
  make_private_directory(dir, ::geteuid());  // already there and private: accepted again
}

TEST(InstancesFolder, SymlinkRefused) {
  TempDir base, target;
  fs::path link = base.path / "instances";
  fs::create_directory_symlink(target.path, link);
  auto problem = private_directory_problem(link, ::geteuid());
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("symbolic link"), std::string::npos) << *problem;
  try {
    make_private_directory(link, ::geteuid());
    FAIL() << "a symlinked folder was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(link.string()), std::string::npos) << e.what();
  }
}

TEST(InstancesFolder, AnotherOwnerRefused) {
  ASSERT_EQ(::geteuid(), 0u) << "chown to nobody needs root (the CI runs the unit tests as root)";
  TempDir base;
  fs::path dir = base.path / "instances";
  ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
  ASSERT_EQ(::chown(dir.c_str(), kNobody, kNobody), 0);
  auto problem = private_directory_problem(dir, ::geteuid());
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("belongs to uid 65534"), std::string::npos) << *problem;
  EXPECT_THROW(make_private_directory(dir, ::geteuid()), std::runtime_error);
}

TEST(InstancesFolder, GroupOrOthersMayEnterRefused) {
  TempDir base;
  fs::path dir = base.path / "instances";
  ASSERT_EQ(::mkdir(dir.c_str(), 0700), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  auto problem = private_directory_problem(dir, ::geteuid());
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("0755"), std::string::npos) << *problem;
  ASSERT_EQ(::chmod(dir.c_str(), 0710), 0);
  EXPECT_TRUE(private_directory_problem(dir, ::geteuid()));
}

TEST(InstancesFolder, AFileRefused) {
  TempDir base;
  fs::path file = base.path / "instances";
  std::ofstream(file) << "x";
  auto problem = private_directory_problem(file, ::geteuid());
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("not a directory"), std::string::npos) << *problem;
}

TEST(InstancesFolder, UnderXdgRuntimeDir) {
  TempDir runtime;
  fs::path dir = instances_directory(runtime.path.c_str(), ::geteuid());
  EXPECT_EQ(dir, runtime.path / "warden" / "instances");
  EXPECT_EQ(private_directory_problem(runtime.path / "warden", ::geteuid()), std::nullopt);
  EXPECT_EQ(private_directory_problem(dir, ::geteuid()), std::nullopt);
}

TEST(InstancesFolder, XdgRuntimeDirOthersMayWriteToRefused) {
  TempDir runtime(0777);
  try {
    instances_directory(runtime.path.c_str(), ::geteuid());
    FAIL() << "a world-writable XDG_RUNTIME_DIR was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("others may write"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(runtime.path / "warden"));
}

TEST(InstancesFolder, WardenFolderPlantedAsSymlinkRefused) {
  TempDir runtime, elsewhere(0777);
  fs::create_directory_symlink(elsewhere.path, runtime.path / "warden");
  EXPECT_THROW(instances_directory(runtime.path.c_str(), ::geteuid()), std::runtime_error);
  EXPECT_FALSE(fs::exists(elsewhere.path / "instances"));
}

// Without XDG_RUNTIME_DIR: /tmp/warden-<uid>. One already there that is not that user's (made by
// someone else to catch the sockets) stops the run instead of being used.
TEST(InstancesFolder, TmpFallbackOfAnotherOwnerRefused) {
  uid_t other = 54321;  // a uid this test does not run as: the folder it finds is root's
  fs::path squatted = fs::path("/tmp") / ("warden-" + std::to_string(other));
  std::error_code ec;
  fs::remove_all(squatted, ec);
  ASSERT_EQ(::mkdir(squatted.c_str(), 0700), 0);
  try {
    instances_directory(nullptr, other);
    FAIL() << "a /tmp/warden-<uid> of another owner was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(squatted.string()), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("not to this user"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("XDG_RUNTIME_DIR"), std::string::npos) << e.what();  // the way out
  }
  fs::remove_all(squatted, ec);
}

TEST(InstanceName, OnlyASafeFileName) {
  EXPECT_EQ(instance_name_problem("com.example.notes"), std::nullopt);
  EXPECT_EQ(instance_name_problem("my-app_2"), std::nullopt);
  EXPECT_TRUE(instance_name_problem(""));
  EXPECT_TRUE(instance_name_problem("../escape"));
  EXPECT_TRUE(instance_name_problem("a/b"));
  EXPECT_TRUE(instance_name_problem(".hidden"));
  EXPECT_TRUE(instance_name_problem("a b"));
  EXPECT_NE(instance_name_problem(std::string("a\0b", 3)).value_or("").find("0x00"), std::string::npos);
  EXPECT_NE(instance_name_problem("a\nb").value_or("").find("0x0a"), std::string::npos);
  EXPECT_TRUE(instance_name_problem(std::string(201, 'a')));
}

// ---- the message ----

TEST(HandoverMessage, RoundTrip) {
  std::string error;
  auto h = parse_handover(handover_message({"a", "b c", "myapp://x?y=1"}, "/home/ana"), error);
  ASSERT_TRUE(h) << error;
  EXPECT_EQ(h->arguments_json, R"(["a","b c","myapp://x?y=1"])");
  EXPECT_EQ(h->cwd, "/home/ana");
  EXPECT_EQ(arguments_json({}), "[]");
}

TEST(HandoverMessage, NonUtf8ArgumentReadsWithReplacement) {
  EXPECT_EQ(arguments_json({std::string("a\xff", 2)}), "[\"a\xef\xbf\xbd\"]");
}

TEST(HandoverMessage, MalformedRefused) {
  std::string error;
  EXPECT_FALSE(parse_handover("not json", error));
  EXPECT_FALSE(parse_handover(R"({"arguments":["a"]})", error));
  EXPECT_FALSE(parse_handover(R"({"arguments":[1],"cwd":"/"})", error));
  EXPECT_FALSE(parse_handover(R"({"arguments":[],"cwd":"relative"})", error));
  EXPECT_FALSE(parse_handover(R"({"arguments":[],"cwd":"/a\u0000b"})", error));
  EXPECT_FALSE(parse_handover(R"({"arguments":[],"cwd":"/","more":1})", error));
  EXPECT_FALSE(parse_handover(std::string(kMaxHandoverBytes + 1, ' '), error));
}

// ---- the claim ----

TEST(InstanceClaim, FirstRunIsTheInstanceAndItsEndRemovesSocketAndLock) {
  TempDir dir;
  {
    auto socket = claim_instance(dir.path, "com.example.a", message_of({}));
    ASSERT_TRUE(socket);
    EXPECT_TRUE(fs::is_socket(dir.path / "com.example.a.sock"));
    EXPECT_TRUE(fs::exists(dir.path / "com.example.a.lock"));
    EXPECT_TRUE(::fcntl(socket->listen_fd(), F_GETFD) & FD_CLOEXEC);  // not inherited by a restart's exec
  }
  EXPECT_FALSE(fs::exists(dir.path / "com.example.a.sock"));
  EXPECT_FALSE(fs::exists(dir.path / "com.example.a.lock"));
  // A restart: the re-executed run takes the instance again.
  EXPECT_TRUE(claim_instance(dir.path, "com.example.a", message_of({})));
}

TEST(InstanceClaim, TwoStartsAtOnceMakeOneInstance) {
  TempDir dir;
  constexpr int kRuns = 4;
  std::mutex mutex;
  std::optional<InstanceSocket> instance;
  std::atomic<int> handed_over{0}, failed{0}, ready{0};
  std::vector<std::string> errors;
  std::vector<std::thread> runs;
  for (int i = 0; i < kRuns; ++i)
    runs.emplace_back([&, i] {
      ready++;
      while (ready < kRuns) std::this_thread::yield();  // all start together
      try {
        auto socket = claim_instance(dir.path, "com.example.race", message_of({"run", std::to_string(i)}));
        std::lock_guard lock(mutex);
        if (socket) {
          if (instance) failed++;  // a second instance
          instance.emplace(std::move(*socket));
        } else {
          handed_over++;
        }
      } catch (const std::exception& e) {
        std::lock_guard lock(mutex);
        errors.push_back(e.what());
        failed++;
      }
    });
  std::vector<Handover> received;
  std::optional<InstanceListener> listener;
  iterate_until([&] {
    std::lock_guard lock(mutex);
    if (instance && !listener)
      listener.emplace(instance->listen_fd(), [&](const Handover& h) { received.push_back(h); });
    return handed_over + failed == kRuns - 1 || failed > 0;
  });
  for (auto& t : runs) t.join();
  EXPECT_EQ(failed, 0) << (errors.empty() ? "two instances" : errors.front());
  EXPECT_TRUE(instance);
  EXPECT_EQ(handed_over, kRuns - 1);
  EXPECT_EQ(received.size(), static_cast<size_t>(kRuns - 1));
  for (const Handover& h : received) EXPECT_EQ(h.arguments_json.rfind(R"(["run",")", 0), 0u) << h.arguments_json;
}

TEST(InstanceClaim, StaleSocketAndLockFileReplaced) {
  TempDir dir;
  leave_stale_socket(dir.path / "com.example.stale.sock");
  std::ofstream(dir.path / "com.example.stale.lock") << "";
  ASSERT_EQ(send_raw(dir.path / "com.example.stale.sock", "x"), "<connect failed>");  // refused: nobody listens
  auto socket = claim_instance(dir.path, "com.example.stale", message_of({}));
  ASSERT_TRUE(socket);
  std::vector<Handover> received;
  InstanceListener listener(socket->listen_fd(), [&](const Handover& h) { received.push_back(h); });
  std::thread later([&] { EXPECT_FALSE(claim_instance(dir.path, "com.example.stale", message_of({"-x"}))); });
  EXPECT_TRUE(iterate_until([&] { return !received.empty(); }));
  later.join();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].arguments_json, R"(["-x"])");
  EXPECT_EQ(received[0].cwd, "/home/ana");
}

TEST(InstanceClaim, LockHolderThatNeverListensReported) {
  TempDir dir;
  int held = ::open((dir.path / "com.example.hung.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_EQ(::flock(held, LOCK_EX), 0);
  try {
    claim_instance(dir.path, "com.example.hung", message_of({}), {300ms, 300ms});
    FAIL() << "a run went on while another held the lock";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not listen"), std::string::npos) << e.what();
  }
  ::close(held);
}

TEST(InstanceClaim, InstanceThatNeverAnswersReported) {
  TempDir dir;
  auto socket = claim_instance(dir.path, "com.example.mute", message_of({}));
  ASSERT_TRUE(socket);  // listens, but no listener reads: the main loop is stuck
  try {
    claim_instance(dir.path, "com.example.mute", message_of({}), {1s, 300ms});
    FAIL() << "a handover without an answer counted as done";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("did not answer"), std::string::npos) << e.what();
  }
}

TEST(InstanceClaim, OversizedArgumentsRefusedBeforeSending) {
  TempDir dir;
  try {
    claim_instance(dir.path, "com.example.big", message_of({std::string(kMaxHandoverBytes, 'a')}));
    FAIL() << "an oversized message was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bytes"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(dir.path / "com.example.big.lock"));
}

// The running instance is another user's (a folder changed under us, or root's): nothing is sent.
TEST(InstanceClaim, InstanceOfAnotherUidRefused) {
  require_tool(kSetpriv);
  require_tool(kPython);
  TempDir open_dir(0777);
  const char* server = R"(
import fcntl, os, socket, sys, time
d, name = sys.argv[1], sys.argv[2]
lock = open(os.path.join(d, name + '.lock'), 'w')
fcntl.flock(lock, fcntl.LOCK_EX)
s = socket.socket(socket.AF_UNIX)
s.bind(os.path.join(d, name + '.sock'))
s.listen(4)
print('ready', flush=True)
c, _ = s.accept()
c.settimeout(5)
data = b''
try:
    while True:
        chunk = c.recv(4096)
        if not chunk: break
        data += chunk
except Exception:
    pass
print('received %d' % len(data), flush=True)
)";
  NobodyProcess peer(server, {open_dir.path.string(), "com.example.foreign"});
  ASSERT_EQ(peer.read_line(), "ready");
  try {
    claim_instance(open_dir.path, "com.example.foreign", message_of({"secret"}));
    FAIL() << "arguments were handed to another user's instance";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("uid 65534"), std::string::npos) << e.what();
  }
  EXPECT_EQ(peer.read_line(), "received 0");
}

// ---- the listener ----

TEST(InstanceListener, PeerOfAnotherUidRefused) {
  require_tool(kSetpriv);
  require_tool(kPython);
  TempDir open_dir(0777);
  auto socket = claim_instance(open_dir.path, "com.example.open", message_of({}));
  ASSERT_TRUE(socket);
  ::chmod(socket->socket_path().c_str(), 0777);  // only the uid check stands in nobody's way
  std::vector<Handover> received;
  InstanceListener listener(socket->listen_fd(), [&](const Handover& h) { received.push_back(h); });
  const char* client = R"(
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
print('connected', flush=True)
try:
    s.sendall(sys.argv[2].encode())
    s.shutdown(socket.SHUT_WR)
    data = s.recv(4096)
except OSError:
    data = b''  # closed (reset) by the instance
print('answer:' + data.decode(), flush=True)
)";
  NobodyProcess peer(client, {socket->socket_path().string(), message_of({"from", "nobody"})});
  auto status = peer.wait();
  ASSERT_TRUE(status) << "the client as nobody did not end";
  EXPECT_EQ(*status, 0);
  EXPECT_EQ(peer.read_line(), "connected") << "the client as nobody could not connect (so the test shows nothing)";
  EXPECT_EQ(peer.read_line(), "answer:");  // closed without an answer
  EXPECT_TRUE(received.empty());
  // The same message from this user is accepted: the refusal was the uid's.
  std::string answer;
  std::thread ours([&] { answer = send_raw(socket->socket_path(), message_of({"from", "us"})); });
  iterate_until([&] { return !received.empty(); });
  ours.join();
  EXPECT_EQ(answer, "ok\n");
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].arguments_json, R"(["from","us"])");
}

TEST(InstanceListener, OversizedMessageRefused) {
  TempDir dir;
  auto socket = claim_instance(dir.path, "com.example.flood", message_of({}));
  ASSERT_TRUE(socket);
  std::vector<Handover> received;
  InstanceListener listener(socket->listen_fd(), [&](const Handover& h) { received.push_back(h); });
  std::string big = R"({"arguments":[")" + std::string(kMaxHandoverBytes, 'a') + R"("],"cwd":"/"})";
  std::atomic<bool> done{false};
  std::string answer;
  std::thread client([&] {
    answer = send_raw(socket->socket_path(), big);
    done = true;
  });
  EXPECT_TRUE(iterate_until([&] { return done.load(); }));
  client.join();
  EXPECT_NE(answer, "ok\n");
  EXPECT_TRUE(received.empty());
}

TEST(InstanceListener, MalformedMessageRefused) {
  TempDir dir;
  auto socket = claim_instance(dir.path, "com.example.bad", message_of({}));
  ASSERT_TRUE(socket);
  std::vector<Handover> received;
  InstanceListener listener(socket->listen_fd(), [&](const Handover& h) { received.push_back(h); });
  std::atomic<bool> done{false};
  std::string answer;
  std::thread client([&] {
    answer = send_raw(socket->socket_path(), R"({"arguments":"rm -rf","cwd":"/"})");
    done = true;
  });
  EXPECT_TRUE(iterate_until([&] { return done.load(); }));
  client.join();
  EXPECT_EQ(answer.rfind("refused:", 0), 0u) << answer;
  EXPECT_TRUE(received.empty());
}

TEST(InstanceListener, SilentPeerDroppedAfterTheReadTime) {
  TempDir dir;
  auto socket = claim_instance(dir.path, "com.example.silent", message_of({}));
  ASSERT_TRUE(socket);
  std::vector<Handover> received;
  ListenerLimits limits;
  limits.read_time = 200ms;
  InstanceListener listener(socket->listen_fd(), [&](const Handover& h) { received.push_back(h); }, limits);
  std::atomic<bool> done{false};
  auto started = std::chrono::steady_clock::now();
  std::thread client([&] {
    send_raw(socket->socket_path(), "", /*send_nothing=*/true);
    done = true;
  });
  EXPECT_TRUE(iterate_until([&] { return done.load(); }, 5s)) << "a peer sending nothing was kept";
  client.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(received.empty());
}

// ---- the subscribers ----

TEST(InstanceSubscribers, EachPluginEndsOnlyItsOwn) {
  InstanceSubscribers subscribers;
  std::vector<std::string> heard;
  uint64_t a = subscribers.subscribe("deep-link", [&](const std::string& args, const std::string&) { heard.push_back("a" + args); });
  uint64_t b = subscribers.subscribe("other", [&](const std::string& args, const std::string&) { heard.push_back("b" + args); });
  EXPECT_GT(a, 0u);
  EXPECT_NE(a, b);
  EXPECT_FALSE(subscribers.unsubscribe("other", a));  // not its subscription
  subscribers.deliver("[1]", "/");
  EXPECT_EQ(heard, (std::vector<std::string>{"a[1]", "b[1]"}));
  EXPECT_TRUE(subscribers.unsubscribe("deep-link", a));
  EXPECT_FALSE(subscribers.unsubscribe("deep-link", a));
  subscribers.deliver("[2]", "/");
  EXPECT_EQ(heard.back(), "b[2]");
  EXPECT_EQ(heard.size(), 3u);
}

TEST(InstanceSubscribers, ACallbackMayEndItselfAndEndAllRefusesNewOnes) {
  InstanceSubscribers subscribers;
  int calls = 0;
  uint64_t id = 0;
  id = subscribers.subscribe("p", [&](const std::string&, const std::string&) {
    ++calls;
    subscribers.unsubscribe("p", id);
  });
  subscribers.deliver("[]", "/");
  subscribers.deliver("[]", "/");
  EXPECT_EQ(calls, 1);
  subscribers.subscribe("p", [&](const std::string&, const std::string&) { ++calls; });
  subscribers.end_all();
  subscribers.deliver("[]", "/");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(subscribers.subscribe("p", [](const std::string&, const std::string&) {}), 0u);
}

// ---- app.singleInstance ----

namespace {
AppConfig config_with(const TempDir& dir, const std::string& app_object) {
  std::ofstream(dir.path / "warden.conf.json") << "{\n  \"identifier\": \"com.example.si\",\n  \"app\": " << app_object
                                                << "\n}\n";
  return load_app_config(dir.path);
}
}  // namespace

TEST(SingleInstanceKey, OffByDefaultOnWhenTrue) {
  TempDir dir;
  EXPECT_FALSE(config_with(dir, "{}").single_instance);
  EXPECT_FALSE(config_with(dir, R"({"singleInstance": false})").single_instance);
  EXPECT_TRUE(config_with(dir, R"({"singleInstance": true})").single_instance);
}

TEST(SingleInstanceKey, NonBooleanStopsTheRunNamingFileLineAndKey) {
  TempDir dir;
  try {
    config_with(dir, "{\n    \"singleInstance\": \"yes\"\n  }");
    FAIL() << "a string singleInstance was accepted";
  } catch (const std::exception& e) {
    std::string what = e.what();
    EXPECT_NE(what.find((dir.path / "warden.conf.json").string()), std::string::npos) << what;
    EXPECT_NE(what.find("app.singleInstance"), std::string::npos) << what;
    EXPECT_NE(what.find("4"), std::string::npos) << what;  // the line
  }
}

// ---- warden.single-instance/1 through plugins' HostServices and the run's wiring ----

namespace {

using warden::plugin::AppHooks;
using warden::plugin::HostOptions;
using warden::plugin::HostServices;

const warden_host_single_instance* extension_of(const warden_host* h) {
  return static_cast<const warden_host_single_instance*>(h->get_extension(h, WARDEN_EXT_SINGLE_INSTANCE));
}

std::string take(const warden_host* h, char* s) {
  std::string out = s ? s : "<null>";
  if (s) h->free_string(h, s);
  return out;
}

struct Heard {
  std::vector<std::string> calls;
};

void on_later_run(void* user, const char* arguments_json, const char* cwd) {
  static_cast<Heard*>(user)->calls.push_back(std::string(arguments_json) + " " + cwd);
}

}  // namespace

TEST(SingleInstanceExtension, OutsideARunEverythingRefuses) {
  HostServices services("deep-link", {});  // `warden plugin call`: no run
  const warden_host* h = services.vtable();
  const auto* si = extension_of(h);
  ASSERT_NE(si, nullptr);
  EXPECT_EQ(si->struct_size, sizeof(warden_host_single_instance));
  EXPECT_EQ(si->arguments(h), nullptr);
  Heard heard;
  EXPECT_EQ(si->subscribe(h, on_later_run, &heard), 0u);
  EXPECT_EQ(si->unsubscribe(h, 1), -1);
}

TEST(SingleInstanceExtension, AppWithoutTheKeyGivesArgumentsButRefusesSubscriptions) {
  HostOptions o;
  o.app = std::make_shared<AppHooks>();
  o.app->arguments_json = arguments_json({"myapp://x"});
  RunSingleInstance run(*o.app, nullptr, {"main"});
  HostServices services("deep-link", o);
  const warden_host* h = services.vtable();
  EXPECT_EQ(take(h, extension_of(h)->arguments(h)), R"(["myapp://x"])");
  Heard heard;
  EXPECT_EQ(extension_of(h)->subscribe(h, on_later_run, &heard), 0u);
}

TEST(SingleInstanceExtension, SubscribersHearLaterRunsUntilListeningEnds) {
  TempDir dir;
  auto socket = claim_instance(dir.path, "com.example.ext", message_of({}));
  ASSERT_TRUE(socket);
  HostOptions o;
  o.app = std::make_shared<AppHooks>();
  o.app->arguments_json = "[]";
  RunSingleInstance run(*o.app, &*socket, {"main"});  // no windows hooks: nothing to bring forward
  HostServices deep_link("deep-link", o), other("other", o);
  const warden_host* h = deep_link.vtable();
  const warden_host* g = other.vtable();
  Heard heard, heard_other;
  uint64_t id = extension_of(h)->subscribe(h, on_later_run, &heard);  // from init: before listening
  ASSERT_GT(id, 0u);
  uint64_t other_id = extension_of(g)->subscribe(g, on_later_run, &heard_other);
  ASSERT_GT(other_id, 0u);
  EXPECT_EQ(extension_of(g)->unsubscribe(g, id), -1);  // not its subscription
  {
    auto listening = run.listen();
    std::thread later([&] { EXPECT_FALSE(claim_instance(dir.path, "com.example.ext", message_of({"myapp://y"}))); });
    EXPECT_TRUE(iterate_until([&] { return !heard.calls.empty(); }));
    later.join();
    EXPECT_EQ(heard.calls, (std::vector<std::string>{R"(["myapp://y"] /home/ana)"}));
    EXPECT_EQ(heard_other.calls.size(), 1u);
    EXPECT_EQ(extension_of(g)->unsubscribe(g, other_id), 0);
    std::thread again([&] { EXPECT_FALSE(claim_instance(dir.path, "com.example.ext", message_of({"2"}))); });
    EXPECT_TRUE(iterate_until([&] { return heard.calls.size() == 2; }));
    again.join();
    EXPECT_EQ(heard_other.calls.size(), 1u);  // unsubscribed
  }
  // The plugins are about to shut down: no subscription is live, and none is taken.
  EXPECT_EQ(extension_of(h)->unsubscribe(h, id), -1);
  EXPECT_EQ(extension_of(h)->subscribe(h, on_later_run, &heard), 0u);
}
