#include "start_check.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <warden/scoped_file.hpp>

extern char** environ;

namespace warden::updater {
namespace fs = std::filesystem;

namespace {

// `path` inside `folder` (or `folder` itself): the same place below `to`.
std::string mapped_plugin_folder(const fs::path& folder, const fs::path& path, const fs::path& to) {
  if (path == folder) return to.string();
  fs::path rel = path.lexically_relative(folder);
  if (rel.empty() || *rel.begin() == "..") return path.string();
  return (to / rel).string();
}

// Owns the spawn's file actions for their short life.
class SpawnActions {
 public:
  SpawnActions() { ::posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

pid_t spawn(const std::vector<std::string>& argv, int stderr_fd) {
  if (argv.empty()) throw std::runtime_error("no command to run");
  SpawnActions actions;
  ::posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_addopen(actions.get(), 1, "/dev/null", O_WRONLY, 0);
  ::posix_spawn_file_actions_adddup2(actions.get(), stderr_fd, 2);
  // Nothing of this process (the update lock, a download, a page's files) reaches the child.
  ::posix_spawn_file_actions_addclosefrom_np(actions.get(), 3);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int error = ::posix_spawn(&pid, args[0], actions.get(), nullptr, args.data(), environ);
  if (error != 0) throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(error));
  return pid;
}

// Reads `fd` until its end or the deadline; keeps the first kMaxHostErrorBytes. False on timeout.
bool read_until_end(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
  char buffer[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return false;
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    size_t room = kMaxHostErrorBytes - std::min(out.size(), kMaxHostErrorBytes);
    out.append(buffer, std::min(room, static_cast<size_t>(n)));
  }
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// The first line that says something, for the page; the log gets everything.
std::string first_line(const std::string& text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) return line.size() > 1000 ? line.substr(0, 1000) + "..." : line;
    start = end + 1;
  }
  return "";
}

// The host's line without its program name, and with paths inside the new folder relative to it
// (the page learns which file of the release is refused, not where the app lives).
std::string for_the_page(std::string line, const fs::path& extracted) {
  constexpr std::string_view program = "warden: ";
  if (line.compare(0, program.size(), program) == 0) line.erase(0, program.size());
  std::string folder = extracted.string() + "/";
  for (size_t at = line.find(folder); at != std::string::npos; at = line.find(folder, at)) line.erase(at, folder.size());
  return line;
}

}  // namespace

std::vector<std::string> start_check_command(const AppLocation& location, const fs::path& extracted) {
  std::vector<std::string> out{location.host_binary.string(), "--log-level", "error", "acl", "resolve",
                               "--app", extracted.string()};
  for (const fs::path& plugins : location.plugin_folders) {
    out.push_back("--plugins");
    out.push_back(mapped_plugin_folder(location.folder, plugins, extracted));
  }
  return out;
}

CommandOutcome run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  FileDescriptor read_end(ends[0]);
  pid_t pid = 0;
  {
    FileDescriptor write_end(ends[1]);
    pid = spawn(argv, write_end.get());
  }  // only the child writes now: its exit ends the reading
  CommandOutcome outcome;
  bool ended = read_until_end(read_end.get(), outcome.errors, std::chrono::steady_clock::now() + timeout);
  if (!ended) ::kill(pid, SIGKILL);
  int status = wait_for(pid);
  if (!ended) outcome.ended_how = "timed out after " + std::to_string(timeout.count()) + " ms";
  else if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) outcome.ended_how = "killed by signal " + std::to_string(WTERMSIG(status));
  return outcome;
}

void check_update_starts(const AppLocation& location, const fs::path& extracted, std::chrono::milliseconds timeout) {
  if (location.host_binary.empty())
    throw ArchiveRefused("cannot ask the host whether the new version would start: the launch command names no host");
  CommandOutcome outcome;
  try {
    outcome = run_command(start_check_command(location, extracted), timeout);
  } catch (const std::runtime_error& e) {
    throw ArchiveRefused(std::string("cannot ask the host whether the new version would start: ") + e.what());
  }
  if (outcome.exit_status == 0) return;
  std::string why = for_the_page(first_line(outcome.errors), extracted);
  if (why.empty()) why = outcome.exit_status >= 0 ? "it exited with status " + std::to_string(outcome.exit_status)
                                                  : "its check " + outcome.ended_how;
  throw UpdateWouldNotStart("the new version would not start with this run's plugins: " + why, outcome.errors);
}

}  // namespace warden::updater
