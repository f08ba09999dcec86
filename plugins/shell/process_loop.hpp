#pragma once
// The shell plugin's child processes, run by its own libuv loop on its own thread: uv_spawn with
// no shell in between, stdout/stderr read as they come, stdin written on request, signals. Each
// child gets its own process group (UV_PROCESS_DETACHED), so a kill reaches what it started too.
// Every public function may be called from any thread; callbacks run on the loop thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace warden::shell_plugin {

struct ChildSpec {
  std::string file;               // absolute path of the executable
  std::vector<std::string> argv;  // argv[0] first
  std::vector<std::string> env;   // "NAME=value", the whole environment
  std::string cwd;                // empty: the host's
  bool stdin_pipe = false;        // otherwise stdin is /dev/null
  bool capture_output = true;     // otherwise stdout/stderr are /dev/null
  bool page_handle = false;       // the page may write to it and kill it by pid (spawn)
  bool supervised = true;         // terminated at shutdown; false leaves it running (an opener)
  std::string owner;              // who may write to and kill it (the guard of the page that started it)
};

struct ExitStatus {
  std::optional<std::int64_t> code;  // null when a signal ended it
  std::optional<int> signal;
};

struct ChildEvents {
  std::function<void(bool is_stderr, std::string_view bytes)> output;
  std::function<void(const ExitStatus&)> exited;  // after its last output
};

struct Started {
  int pid = 0;
  std::uint64_t serial = 0;  // never reused, unlike a pid
  std::string error;         // non-empty when it did not start
};

class ProcessLoop {
 public:
  ProcessLoop();   // starts the loop thread
  ~ProcessLoop();  // shutdown(kDefaultGrace) unless it already ran
  ProcessLoop(const ProcessLoop&) = delete;
  ProcessLoop& operator=(const ProcessLoop&) = delete;

  static constexpr std::chrono::milliseconds kDefaultGrace{1000};

  // Starts a child; `started` runs before any of its events. Nothing runs after shutdown.
  void spawn(ChildSpec spec, ChildEvents events, std::function<void(Started)> started);
  // Writes `bytes` to the stdin of child `pid` when it is a page handle of `owner` (never "");
  // done("") once written, done(reason) otherwise.
  void write_stdin(int pid, std::string owner, std::string bytes, std::function<void(std::string)> done);
  // SIGKILL to child `pid` and its process group under the same rule; done("") or done(reason).
  void kill(int pid, std::string owner, std::function<void(std::string)> done);
  // SIGTERM to child `serial`'s group, SIGKILL after `grace` if it is still running.
  void terminate(std::uint64_t serial, std::chrono::milliseconds grace = kDefaultGrace);
  // Terminates every supervised child as above, waits until they have exited, stops the loop and
  // joins its thread. Unsupervised children (openers) are left running. Blocks the caller.
  void shutdown(std::chrono::milliseconds grace = kDefaultGrace);

  struct State;

 private:
  void post(std::function<void()> task);

  std::unique_ptr<State> state_;
  std::thread thread_;
};

}  // namespace warden::shell_plugin
