#include "desktop_tool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <stdexcept>

extern char** environ;

namespace warden::deep_link_plugin {
namespace {

struct Pipe {
  int read = -1;
  int write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    if (read >= 0) ::close(read);
    if (write >= 0) ::close(write);
  }
  void close_write() {
    ::close(write);
    write = -1;
  }
};

class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

class SpawnAttributes {
 public:
  SpawnAttributes() {
    posix_spawnattr_init(&attributes_);
    // The child starts with no signal blocked and SIGPIPE as the default, whatever the host's
    // threads have set up.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&attributes_, &none);
    posix_spawnattr_setsigdefault(&attributes_, &defaults);
    posix_spawnattr_setflags(&attributes_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  ~SpawnAttributes() { posix_spawnattr_destroy(&attributes_); }
  posix_spawnattr_t* get() { return &attributes_; }

 private:
  posix_spawnattr_t attributes_;
};

void append_bounded(std::string& to, const char* data, std::size_t size) {
  std::size_t room = max_output_bytes > to.size() ? max_output_bytes - to.size() : 0;
  to.append(data, size < room ? size : room);
}

int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

void reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

// The exit code once the program ends before `deadline`; nullopt (the program is killed and
// reaped) when it does not.
std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return exit_code(status);
    if (done < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      reap(pid);
      return std::nullopt;
    }
    ::usleep(5000);
  }
}

std::string overran(const std::string& program, std::chrono::milliseconds timeout) {
  return program + " did not finish within " + std::to_string(timeout.count()) + " ms";
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                    const std::string& package) {
  const std::string& program = argv.at(0);
  Pipe out, err;
  SpawnActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), out.write, 1);
  posix_spawn_file_actions_adddup2(actions.get(), err.write, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(actions.get(), 3);
#endif
  SpawnAttributes attributes;
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = ::posix_spawnp(&pid, program.c_str(), actions.get(), attributes.get(), args.data(), environ);
  if (rc != 0) {
    std::string why = rc == ENOENT ? "it is not installed" + (package.empty() ? "" : " (Debian package " + package + ")")
                                   : std::strerror(rc);
    throw std::runtime_error("cannot run " + program + ": " + why);
  }
  out.close_write();
  err.close_write();

  ToolResult result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
  int open_pipes = 2;
  while (open_pipes > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      reap(pid);
      throw std::runtime_error(overran(program, timeout));
    }
    int n = ::poll(fds, 2, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[4096];
      ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        fds[i].fd = -1;  // the Pipe closes it
        --open_pipes;
        continue;
      }
      append_bounded(i == 0 ? result.out : result.err, buf, static_cast<std::size_t>(got));
    }
  }
  // Both pipes closed: the program is done or about to be.
  auto code = wait_until(pid, deadline);
  if (!code) throw std::runtime_error(overran(program, timeout));
  result.exit_status = *code;
  return result;
}

}  // namespace warden::deep_link_plugin
