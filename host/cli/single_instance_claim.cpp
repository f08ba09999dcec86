#include "cli/single_instance_claim.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <utility>

#include <spdlog/spdlog.h>

#include "cli/single_instance_message.hpp"

namespace warden::cli {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("single instance: " + what); }

std::string errno_text() { return std::strerror(errno); }

// Closes a descriptor when it goes out of scope, unless released.
struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

sockaddr_un address_of(const fs::path& socket_path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string& p = socket_path.native();
  if (p.size() >= sizeof addr.sun_path)
    fail(socket_path.string() + " is longer than the " + std::to_string(sizeof addr.sun_path - 1) +
         " bytes a Unix socket path may have (a shorter app.identifier or XDG_RUNTIME_DIR)");
  std::memcpy(addr.sun_path, p.c_str(), p.size() + 1);
  return addr;
}

// The lock file, locked by this process; -1 when another process holds it.
int take_lock(const fs::path& lock_path) {
  for (;;) {
    Fd fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (fd.fd < 0) fail("cannot open the lock file " + lock_path.string() + ": " + errno_text());
    if (::flock(fd.fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK) return -1;
      fail("cannot lock " + lock_path.string() + ": " + errno_text());
    }
    // An instance that ended removed the file while we waited on it: the lock we hold is on a
    // file nobody else will open, so take the one now at the path.
    struct stat held{}, named{};
    if (::fstat(fd.fd, &held) == 0 && ::lstat(lock_path.c_str(), &named) == 0 && held.st_dev == named.st_dev &&
        held.st_ino == named.st_ino)
      return fd.release();
  }
}

int listen_at(const fs::path& socket_path) {
  sockaddr_un addr = address_of(socket_path);
  // A socket left by an instance that did not end cleanly (the lock is ours, so nobody listens).
  if (::unlink(socket_path.c_str()) != 0 && errno != ENOENT)
    fail("cannot replace the stale socket " + socket_path.string() + ": " + errno_text());
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.fd < 0) fail("cannot make a socket: " + errno_text());
  if (::bind(fd.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    fail("cannot bind " + socket_path.string() + ": " + errno_text());
  if (::listen(fd.fd, 8) != 0) fail("cannot listen on " + socket_path.string() + ": " + errno_text());
  return fd.release();
}

// A connection to the instance's socket; -1 when nobody listens there (yet, or any more).
int connect_to(const fs::path& socket_path) {
  sockaddr_un addr = address_of(socket_path);
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.fd < 0) fail("cannot make a socket: " + errno_text());
  if (::connect(fd.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) return fd.release();
  if (errno == ENOENT || errno == ECONNREFUSED || errno == EAGAIN) return -1;
  fail("cannot connect to " + socket_path.string() + ": " + errno_text());
}

// The listener's credentials: it must be this user (our folder is 0700, but a root process or a
// folder changed under us must not receive our arguments).
ucred peer_of(int fd) {
  ucred cred{};
  socklen_t size = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &size) != 0) fail("cannot read the peer's credentials: " + errno_text());
  return cred;
}

void send_all(int fd, const std::string& message) {
  size_t sent = 0;
  while (sent < message.size()) {
    ssize_t n = ::send(fd, message.data() + sent, message.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot send the arguments to the running instance: " + errno_text());
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);  // the end of the message
}

// The instance's answer ("ok", or "refused: <why>"), read until it closes or `within` passes.
std::string answer_of(int fd, std::chrono::milliseconds within) {
  std::string answer;
  auto deadline = Clock::now() + within;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) fail("the running instance did not answer within " + std::to_string(within.count()) + " ms");
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) fail("cannot wait for the running instance's answer: " + errno_text());
    if (ready == 0) continue;
    char buffer[512];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
    if (answer.size() > 4096) break;
  }
  while (!answer.empty() && (answer.back() == '\n' || answer.back() == '\r')) answer.pop_back();
  return answer;
}

void hand_over(int fd, const std::string& identifier, const std::string& message, std::chrono::milliseconds answer) {
  Fd connection(fd);
  ucred peer = peer_of(fd);
  if (peer.uid != ::geteuid())
    fail("the socket of " + identifier + " is served by uid " + std::to_string(peer.uid) + " (pid " +
         std::to_string(peer.pid) + "), not by this user: nothing was sent");
  send_all(fd, message);
  std::string reply = answer_of(fd, answer);
  if (reply == "ok") {
    spdlog::info("single instance: {} already runs (pid {}); handed it this run's arguments, exiting", identifier,
                 peer.pid);
    return;
  }
  if (reply.empty()) fail("the running instance of " + identifier + " (pid " + std::to_string(peer.pid) +
                          ") closed the connection without an answer");
  fail("the running instance of " + identifier + " (pid " + std::to_string(peer.pid) + ") answered: " + reply);
}

}  // namespace

InstanceSocket::InstanceSocket(fs::path socket_path, fs::path lock_path, int lock_fd, int listen_fd)
    : socket_path_(std::move(socket_path)), lock_path_(std::move(lock_path)), lock_fd_(lock_fd), listen_fd_(listen_fd) {}

InstanceSocket::InstanceSocket(InstanceSocket&& other) noexcept
    : socket_path_(std::move(other.socket_path_)),
      lock_path_(std::move(other.lock_path_)),
      lock_fd_(std::exchange(other.lock_fd_, -1)),
      listen_fd_(std::exchange(other.listen_fd_, -1)) {}

InstanceSocket::~InstanceSocket() {
  if (lock_fd_ < 0) return;  // moved from
  // The socket first, then the lock file while the lock is still held: a run waiting on the old
  // file finds it gone and takes the new one (take_lock).
  ::close(listen_fd_);
  ::unlink(socket_path_.c_str());
  ::unlink(lock_path_.c_str());
  ::close(lock_fd_);
}

std::optional<InstanceSocket> claim_instance(const fs::path& directory, const std::string& identifier,
                                             const std::string& message, const ClaimTimes& times) {
  if (message.size() > kMaxHandoverBytes)
    fail("the app arguments and working directory take " + std::to_string(message.size()) + " bytes as JSON, more than the " +
         std::to_string(kMaxHandoverBytes) + " a running instance accepts");
  fs::path socket_path = directory / (identifier + ".sock");
  fs::path lock_path = directory / (identifier + ".lock");
  address_of(socket_path);  // too long a path fails before anything is made
  auto deadline = Clock::now() + times.connect;
  for (;;) {
    if (int lock = take_lock(lock_path); lock >= 0) {
      Fd held(lock);
      int listen_fd = listen_at(socket_path);
      spdlog::info("single instance: this run is the instance of {} ({})", identifier, socket_path.string());
      return InstanceSocket(socket_path, lock_path, held.release(), listen_fd);
    }
    if (int fd = connect_to(socket_path); fd >= 0) {
      hand_over(fd, identifier, message, times.answer);
      return std::nullopt;
    }
    if (Clock::now() >= deadline)
      fail("another run holds the lock of " + identifier + " (" + lock_path.string() + ") but does not listen on " +
           socket_path.string() + " after " + std::to_string(times.connect.count()) + " ms");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace warden::cli
