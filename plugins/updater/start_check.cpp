#include "start_check.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <boost/json.hpp>

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

constexpr size_t kMaxOutputBytes = 1 << 20;

// stdout_fd -1: stdout goes to /dev/null.
pid_t spawn(const std::vector<std::string>& argv, int stdout_fd, int stderr_fd) {
  if (argv.empty()) throw std::runtime_error("no command to run");
  SpawnActions actions;
  ::posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  if (stdout_fd < 0) ::posix_spawn_file_actions_addopen(actions.get(), 1, "/dev/null", O_WRONLY, 0);
  else ::posix_spawn_file_actions_adddup2(actions.get(), stdout_fd, 1);
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

// What the command wrote to `fd` (a memfd), up to kMaxOutputBytes.
std::string written_to(int fd) {
  std::string out;
  char buffer[4096];
  if (::lseek(fd, 0, SEEK_SET) != 0) return out;
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || out.size() >= kMaxOutputBytes) return out;
    out.append(buffer, std::min(static_cast<size_t>(n), kMaxOutputBytes - out.size()));
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

// {host, "--log-level", "error", <subcommand...>, "--app", extracted, "--plugins", mapped...}
std::vector<std::string> host_command(const AppLocation& location, const fs::path& extracted,
                                      std::initializer_list<const char*> subcommand) {
  std::vector<std::string> out{location.host_binary.string(), "--log-level", "error"};
  out.insert(out.end(), subcommand.begin(), subcommand.end());
  out.push_back("--app");
  out.push_back(extracted.string());
  for (const fs::path& plugins : location.plugin_folders) {
    out.push_back("--plugins");
    out.push_back(mapped_plugin_folder(location.folder, plugins, extracted));
  }
  return out;
}

}  // namespace

std::vector<std::string> start_check_command(const AppLocation& location, const fs::path& extracted) {
  return host_command(location, extracted, {"acl", "resolve"});
}

std::vector<std::string> app_library_check_command(const AppLocation& location, const fs::path& extracted) {
  std::vector<std::string> out = host_command(location, extracted, {"plugin", "ls"});
  // `plugin ls` needs a folder; the app library is judged before any folder's candidates and is
  // looked up in the app folder first, so the new folder itself changes nothing of its verdict.
  if (location.plugin_folders.empty()) {
    out.push_back("--plugins");
    out.push_back(extracted.string());
  }
  out.push_back("--json");
  return out;
}

std::optional<std::string> refused_app_library(const std::string& plugin_ls_json) {
  boost::system::error_code ec;
  boost::json::value root = boost::json::parse(plugin_ls_json, ec);
  const boost::json::object* top = ec ? nullptr : root.if_object();
  const boost::json::value* list = top ? top->if_contains("plugins") : nullptr;
  if (!list || !list->is_array()) return "the host's plugin list is not the JSON `plugin ls --json` prints";
  for (const boost::json::value& entry : list->get_array()) {
    const boost::json::object* o = entry.if_object();
    if (!o) continue;
    auto text = [o](const char* key) {
      const boost::json::value* v = o->if_contains(key);
      return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    if (text("from") == "app.library" && text("status") != "load")
      return "the app library was refused: " + text("file") + ": " + text("reason");
  }
  return std::nullopt;
}

CommandOutcome run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout, bool keep_output) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  FileDescriptor read_end(ends[0]);
  FileDescriptor output;
  if (keep_output) {
    output = FileDescriptor(::memfd_create("warden-update-check", MFD_CLOEXEC));
    if (output.get() < 0) throw std::runtime_error(std::string("cannot make a memfd: ") + std::strerror(errno));
  }
  pid_t pid = 0;
  {
    FileDescriptor write_end(ends[1]);
    pid = spawn(argv, keep_output ? output.get() : -1, write_end.get());
  }  // only the child writes now: its exit ends the reading
  CommandOutcome outcome;
  bool ended = read_until_end(read_end.get(), outcome.errors, std::chrono::steady_clock::now() + timeout);
  if (!ended) ::kill(pid, SIGKILL);
  int status = wait_for(pid);
  if (!ended) outcome.ended_how = "timed out after " + std::to_string(timeout.count()) + " ms";
  else if (WIFEXITED(status)) outcome.exit_status = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) outcome.ended_how = "killed by signal " + std::to_string(WTERMSIG(status));
  if (keep_output) outcome.output = written_to(output.get());
  return outcome;
}

void check_update_starts(const AppLocation& location, const fs::path& extracted, std::chrono::milliseconds timeout) {
  if (location.host_binary.empty())
    throw ArchiveRefused("cannot ask the host whether the new version would start: the launch command names no host");
  auto ask = [&](const std::vector<std::string>& argv, bool keep_output) {
    try {
      return run_command(argv, timeout, keep_output);
    } catch (const std::runtime_error& e) {
      throw ArchiveRefused(std::string("cannot ask the host whether the new version would start: ") + e.what());
    }
  };
  const std::string refused = "the new version would not start with this run's plugins: ";
  // Its config and ACL against the plugins that would load.
  CommandOutcome acl = ask(start_check_command(location, extracted), false);
  if (acl.exit_status != 0) {
    std::string why = for_the_page(first_line(acl.errors), extracted);
    if (why.empty()) why = acl.exit_status >= 0 ? "it exited with status " + std::to_string(acl.exit_status)
                                                : "its check " + acl.ended_how;
    throw UpdateWouldNotStart(refused + why, acl.errors);
  }
  // Its app library (app.library), which `acl resolve` does not need but `run` stops without.
  CommandOutcome libraries = ask(app_library_check_command(location, extracted), true);
  std::optional<std::string> problem =
      libraries.exit_status == 0 ? refused_app_library(libraries.output)
                                 : "the host's plugin list failed: " + (libraries.exit_status >= 0
                                                                            ? first_line(libraries.errors)
                                                                            : libraries.ended_how);
  if (problem) throw UpdateWouldNotStart(refused + for_the_page(*problem, extracted), libraries.errors + libraries.output);
}

}  // namespace warden::updater
