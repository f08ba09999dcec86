// The plugin's libuv process loop with real child processes: output and exit status, stdin,
// kills limited to the owner's page handles, SIGTERM then SIGKILL, shutdown ending every child
// (and its process group), a write to a dead child's stdin failing without SIGPIPE in the host.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>

#include "process_loop.hpp"
#include "program_path.hpp"
#include "temp_dir.hpp"

using namespace warden::shell_plugin;
using namespace std::chrono_literals;

namespace {

// Collects one child's events; wait() returns once it exited.
struct ChildRun {
  std::mutex m;
  std::condition_variable cv;
  std::string out, err;
  std::optional<ExitStatus> status;
  ChildEvents events() {
    ChildEvents e;
    e.output = [this](bool is_err, std::string_view b) {
      std::lock_guard l(m);
      (is_err ? err : out).append(b);
      cv.notify_all();
    };
    e.exited = [this](const ExitStatus& s) {
      std::lock_guard l(m);
      status = s;
      cv.notify_all();
    };
    return e;
  }
  bool wait(std::chrono::seconds t = 20s) {
    std::unique_lock l(m);
    return cv.wait_for(l, t, [this] { return status.has_value(); });
  }
  bool wait_output(const std::string& text, std::chrono::seconds t = 20s) {
    std::unique_lock l(m);
    return cv.wait_for(l, t, [&] { return out.find(text) != std::string::npos; });
  }
};

ChildSpec sh(const std::string& script, const std::string& owner = "main") {
  ChildSpec s;
  s.file = resolve_program("sh", host_search_path(), {});
  s.argv = {"sh", "-c", script};
  s.env = {"PATH=/usr/bin:/bin"};
  s.owner = owner;
  return s;
}

Started start(ProcessLoop& loop, ChildSpec spec, ChildRun& run) {
  std::promise<Started> p;
  loop.spawn(std::move(spec), run.events(), [&p](Started s) { p.set_value(s); });
  return p.get_future().get();
}

std::string settle(std::function<void(std::function<void(std::string)>)> call) {
  std::promise<std::string> p;
  call([&p](std::string e) { p.set_value(std::move(e)); });
  return p.get_future().get();
}

bool alive(int pid) { return ::kill(pid, 0) == 0; }

}  // namespace

TEST(ProcessLoop, RunsWithoutAShellCollectsOutputAndExitCode) {
  ProcessLoop loop;
  ChildRun run;
  ChildSpec spec;
  spec.file = resolve_program("printf", host_search_path(), {});
  // One argv element each: no shell ever splits or expands them.
  spec.argv = {"printf", "%s|%s\\n", "$(id) `id`", "a;b c"};
  spec.env = {"PATH=/usr/bin:/bin"};
  Started s = start(loop, spec, run);
  ASSERT_EQ(s.error, "");
  EXPECT_GT(s.pid, 0);
  ASSERT_TRUE(run.wait());
  EXPECT_EQ(run.out, "$(id) `id`|a;b c\n");
  EXPECT_EQ(run.status->code, 0);
  EXPECT_FALSE(run.status->signal);
}

TEST(ProcessLoop, EnvCwdStderrAndExitCode) {
  ProcessLoop loop;
  ChildRun run;
  ChildSpec spec = sh("echo \"$GREETING\"; pwd; echo oops >&2; exit 3");
  spec.env.push_back("GREETING=hi there");
  spec.cwd = "/tmp";
  ASSERT_EQ(start(loop, spec, run).error, "");
  ASSERT_TRUE(run.wait());
  EXPECT_EQ(run.out, "hi there\n/tmp\n");
  EXPECT_EQ(run.err, "oops\n");
  EXPECT_EQ(run.status->code, 3);
}

TEST(ProcessLoop, StartFailuresAreReported) {
  ProcessLoop loop;
  ChildRun run;
  ChildSpec spec = sh("true");
  spec.cwd = "/no/such/folder";
  Started s = start(loop, spec, run);
  EXPECT_NE(s.error.find("cannot start"), std::string::npos) << s.error;
  EXPECT_NE(s.error.find("/no/such/folder"), std::string::npos) << s.error;
}

TEST(ProcessLoop, StdinIsWrittenAndKillIsLimitedToTheOwnersPageHandles) {
  ProcessLoop loop;
  ChildRun run;
  ChildSpec spec;
  spec.file = resolve_program("cat", host_search_path(), {});
  spec.argv = {"cat"};
  spec.stdin_pipe = true;
  spec.page_handle = true;
  spec.owner = "main";
  Started s = start(loop, spec, run);
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(settle([&](auto done) { loop.write_stdin(s.pid, "main", "ping\n", done); }), "");
  ASSERT_TRUE(run.wait_output("ping\n"));
  // Another webview may neither write to it nor kill it; nor may anyone kill a pid it did not spawn.
  EXPECT_NE(settle([&](auto done) { loop.write_stdin(s.pid, "other", "x", done); }).find("no running child process"),
            std::string::npos);
  EXPECT_NE(settle([&](auto done) { loop.kill(s.pid, "other", done); }).find("was spawned by this page"),
            std::string::npos);
  EXPECT_NE(settle([&](auto done) { loop.kill(static_cast<int>(::getpid()), "main", done); }), "");
  EXPECT_TRUE(alive(s.pid));
  EXPECT_EQ(settle([&](auto done) { loop.kill(s.pid, "main", done); }), "");
  ASSERT_TRUE(run.wait());
  EXPECT_EQ(run.status->signal, SIGKILL);
  EXPECT_FALSE(run.status->code);
  // Gone: later writes and kills fail cleanly.
  EXPECT_NE(settle([&](auto done) { loop.kill(s.pid, "main", done); }), "");
}

TEST(ProcessLoop, ExecuteChildrenAreNotPageHandles) {
  ProcessLoop loop;
  ChildRun run;
  ChildSpec spec = sh("sleep 30");
  Started s = start(loop, spec, run);
  ASSERT_EQ(s.error, "");
  EXPECT_NE(settle([&](auto done) { loop.kill(s.pid, "main", done); }), "");
  loop.terminate(s.serial);
  ASSERT_TRUE(run.wait());
  EXPECT_EQ(run.status->signal, SIGTERM);
}

TEST(ProcessLoop, WritingToAnExitedChildFailsWithoutSigpipe) {
  ProcessLoop loop;
  ChildRun run;
  // Closes its stdin, then stays alive: the write hits a pipe with no reader.
  ChildSpec spec = sh("exec 0<&-; echo ready; sleep 30");
  spec.stdin_pipe = true;
  spec.page_handle = true;
  Started s = start(loop, spec, run);
  ASSERT_TRUE(run.wait_output("ready\n"));
  std::string error;
  for (int i = 0; i < 50 && error.empty(); ++i)
    error = settle([&](auto done) { loop.write_stdin(s.pid, "main", std::string(65536, 'x'), done); });
  EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
  loop.terminate(s.serial);
  ASSERT_TRUE(run.wait());  // and this process is still here to check it
}

TEST(ProcessLoop, TheChildStartsWithDefaultSignalsAndAnEmptyMask) {
  ProcessLoop loop;
  ChildRun run;
  ASSERT_EQ(start(loop, sh("grep -E '^Sig(Blk|Ign)' /proc/self/status"), run).error, "");
  ASSERT_TRUE(run.wait());
  EXPECT_NE(run.out.find("SigBlk:\t0000000000000000"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("SigIgn:\t0000000000000000"), std::string::npos) << run.out;
}

TEST(ProcessLoop, SigtermIsFollowedBySigkillAfterTheGrace) {
  ProcessLoop loop;
  ChildRun run;
  Started s = start(loop, sh("trap '' TERM; echo ready; while :; do sleep 1; done"), run);
  ASSERT_TRUE(run.wait_output("ready\n"));
  loop.terminate(s.serial, 200ms);
  ASSERT_TRUE(run.wait());
  EXPECT_EQ(run.status->signal, SIGKILL);
}

TEST(ProcessLoop, ShutdownEndsEveryChildAndItsGroupButLeavesOpeners) {
  warden::test::TempDir tmp{"warden-shell-loop"};
  const std::string dir = tmp.path.string();
  ChildRun a, b, opener;
  int grandchild = 0, opener_pid = 0;
  {
    ProcessLoop loop;
    // A child that started a grandchild in its own process group, and one ignoring SIGTERM.
    ASSERT_EQ(start(loop, sh("sleep 60 & echo $! > " + dir + "/grandchild; wait"), a).error, "");
    ASSERT_EQ(start(loop, sh("trap '' TERM; echo ready; while :; do sleep 1; done"), b).error, "");
    ChildSpec o = sh("sleep 60");
    o.supervised = false;
    o.capture_output = false;
    opener_pid = start(loop, o, opener).pid;
    ASSERT_TRUE(b.wait_output("ready\n"));
    for (int i = 0; i < 200 && grandchild == 0; ++i) {
      std::ifstream in(dir + "/grandchild");
      in >> grandchild;
      if (!grandchild) std::this_thread::sleep_for(10ms);
    }
    ASSERT_GT(grandchild, 0);
    loop.shutdown(300ms);
  }
  ASSERT_TRUE(a.status && b.status) << "shutdown returned before its children exited";
  EXPECT_EQ(a.status->signal, SIGTERM);
  EXPECT_EQ(b.status->signal, SIGKILL);
  // The grandchild got the group's SIGTERM (it is reaped by init, so poll briefly).
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
    std::string all((std::istreambuf_iterator<char>(stat)), {});
    gone = all.empty() || all.find(") Z ") != std::string::npos;
    if (!gone) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(gone) << "grandchild " << grandchild << " survived";
  EXPECT_TRUE(alive(opener_pid));
  ::kill(opener_pid, SIGKILL);
}
