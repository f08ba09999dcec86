// The real libshell.so loaded by the host's loader, called as the host calls it: scopes as the
// authority hands them, a page Channel, the per-webview resource table. Real child processes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include <boost/json.hpp>

#include "plugin/call_environment.hpp"
#include "plugin/load_error.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"
#include "temp_dir.hpp"

using namespace warden::plugin;
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

using warden::test::TempDir;

namespace {


// What the page's Channel received.
struct Inbox {
  std::mutex m;
  std::condition_variable cv;
  std::vector<json::value> messages;
  bool closed = false;
  bool wait(const std::function<bool()>& done, std::chrono::seconds t = 20s) {
    std::unique_lock l(m);
    return cv.wait_for(l, t, done);
  }
  std::string stdout_text() {
    std::string s;
    for (auto& v : messages)
      if (v.at("event") == "Stdout") s += v.at("payload").as_string();
    return s;
  }
};

class Sink : public ChannelSink {
 public:
  explicit Sink(std::shared_ptr<Inbox> inbox) : inbox_(std::move(inbox)) {}
  void send(std::string message) override {
    std::lock_guard l(inbox_->m);
    inbox_->messages.push_back(json::parse(message));
    inbox_->cv.notify_all();
  }
  void close() override {
    std::lock_guard l(inbox_->m);
    inbox_->closed = true;
    inbox_->cv.notify_all();
  }

 private:
  std::shared_ptr<Inbox> inbox_;
};

const char* kScope = R"({"command": {"allow": [
    {"name": "say", "cmd": "printf", "args": ["%s\\n", {"validator": "[a-z ]+"}]},
    {"name": "cat", "cmd": "cat"},
    {"name": "where", "cmd": "pwd", "cwd": ["/tmp"]},
    {"name": "env", "cmd": "printenv", "args": ["GREETING"], "env": ["GREETING"]},
    {"name": "sleeper", "cmd": "sleep", "args": ["60"]},
    {"name": "flood", "cmd": "yes"}
  ], "deny": []}, "global": null})";

struct Fixture {
  TempDir tmp;
  ResourceTable resources;
  CallEnvironment env;
  std::shared_ptr<Inbox> inbox = std::make_shared<Inbox>();
  std::unique_ptr<PluginLibrary> lib;

  explicit Fixture(const std::string& config = "") {
    env.resources = &resources;
    env.open_channel = [inbox = inbox](std::string_view ref, const std::string&) -> std::unique_ptr<ChannelSink> {
      if (ref != "__CHANNEL__:7") return nullptr;
      return std::make_unique<Sink>(inbox);
    };
    fs::path opener = tmp.path / "opener.sh";
    std::ofstream(opener) << "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$(dirname \"$0\")/opened.txt\"\n";
    ::chmod(opener.c_str(), 0755);
    lib = PluginLibrary::load(WARDEN_SHELL_PLUGIN,
                              config.empty() ? R"({"opener": ")" + opener.string() + R"("})" : config);
  }
  ~Fixture() {
    resources.remove_plugin("shell");
    lib.reset();
  }

  CallResult call(const std::string& command, const std::string& args, const std::string& webview = "main",
                  const std::string& scopes = kScope, const std::string& origin = "app://localhost",
                  uint64_t page = 0) {
    CallRequest r;
    r.command = command;
    r.args_json = args;
    r.scopes_json = scopes;
    r.caller.window = webview;
    r.caller.webview = webview;
    r.caller.origin = origin;
    r.caller.page = page;
    r.environment = &env;
    auto result = lib->invoke(std::move(r)).wait_for(20s);
    if (!result) {
      ADD_FAILURE() << command << " did not complete";
      return CallResult::from_error("timeout");
    }
    return *result;
  }
  int spawn(const std::string& program, const std::string& args = "[]", const std::string& webview = "main") {
    auto r = call("spawn", R"({"program": ")" + program + R"(", "args": )" + args +
                               R"(, "options": {}, "onEvent": "__CHANNEL__:7"})", webview);
    EXPECT_EQ(r.kind, CallResult::Kind::json) << r.error;
    return r.kind == CallResult::Kind::json ? json::parse(r.json).to_number<int>() : 0;
  }
  json::value terminated() {
    inbox->wait([&] { return inbox->closed; });
    std::lock_guard l(inbox->m);
    for (auto& v : inbox->messages)
      if (v.at("event") == "Terminated") return v.at("payload");
    return nullptr;
  }
};

bool alive(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), {});
  return !all.empty() && all.find(") Z ") == std::string::npos;
}

}  // namespace

TEST(ShellPlugin, ExecuteRunsTheScopedProgramAndReturnsItsOutput) {
  Fixture f;
  auto r = f.call("execute", R"({"program": "say", "args": ["%s\\n", "hello world"], "options": {}})");
  ASSERT_EQ(r.kind, CallResult::Kind::json) << r.error;
  EXPECT_EQ(json::parse(r.json), json::parse(R"({"code":0,"signal":null,"stdout":"hello world\n","stderr":""})"));
  r = f.call("execute", R"({"program": "where", "options": {"cwd": "/tmp"}})");
  EXPECT_EQ(json::parse(r.json).at("stdout"), "/tmp\n");
  r = f.call("execute", R"({"program": "env", "args": ["GREETING"], "options": {"env": {"GREETING": "hi"}}})");
  EXPECT_EQ(json::parse(r.json).at("stdout"), "hi\n");
  r = f.call("execute", R"({"program": "say", "args": ["%s\\n", "raw"], "options": {"encoding": "raw"}})");
  EXPECT_EQ(json::parse(r.json).at("stdout"), json::parse("[114,97,119,10]"));
}

TEST(ShellPlugin, NothingOutsideTheScopeRuns) {
  Fixture f;
  auto error = [&](const std::string& args) {
    auto r = f.call("execute", args);
    EXPECT_EQ(r.kind, CallResult::Kind::error) << args;
    return r.error;
  };
  EXPECT_NE(error(R"({"program": "sh", "args": ["-c", "id"]})").find("is not in the shell scope"), std::string::npos);
  EXPECT_NE(error(R"({"program": "/usr/bin/printf", "args": ["x"]})").find("is not in the shell scope"),
            std::string::npos);
  EXPECT_NE(error(R"({"program": "say", "args": ["%s\\n", "hi; id"]})").find("does not match the validator"),
            std::string::npos);
  EXPECT_NE(error(R"({"program": "say", "args": ["%s\\n", "hi", "extra"]})").find("takes exactly 2 arguments"),
            std::string::npos);
  EXPECT_NE(error(R"({"program": "cat", "options": {"env": {"LD_PRELOAD": "/tmp/x.so"}}})").find("LD_PRELOAD"),
            std::string::npos);
  EXPECT_NE(error(R"({"program": "cat", "options": {"sidecar": true}})").find("sidecar"), std::string::npos);
  // No scope at all (allow-execute granted without entries): nothing runs.
  auto r = f.call("execute", R"({"program": "cat"})", "main", R"({"command":null,"global":null})");
  EXPECT_NE(r.error.find("the scope is empty"), std::string::npos) << r.error;
}

// Issue 12, finding 1, through the real plugin, real git and real bash: what the page sets in
// options.env and options.cwd beyond what the entry names runs nothing and changes nothing.
TEST(ShellPlugin, NoCodeRunsThroughTheEnvironmentOrAFolderOfThePages) {
  Fixture f;
  fs::path project = f.tmp.path / "project";
  fs::path victim = f.tmp.path / "victim";
  for (const fs::path& repo : {project, victim}) {
    std::string init = "git init -q '" + repo.string() + "' && git -C '" + repo.string() +
                       "' -c user.email=e@x -c user.name=e commit -q --allow-empty -m first";
    ASSERT_EQ(std::system(init.c_str()), 0) << init;
  }
  fs::path stamp = f.tmp.path / "stamp.sh";
  std::ofstream(stamp) << "#!/bin/bash\necho \"stamp $(date +%s)\"\n";
  ::chmod(stamp.c_str(), 0755);
  fs::create_directory_symlink("/etc", project / "etc-link");
  std::string scope = R"({"command": {"allow": [
      {"name": "git-commit", "cmd": "git", "args": ["commit", "-m", {"validator": "\\S+"}], "cwd": [")" +
                      project.string() + R"("]},
      {"name": "stamp", "cmd": ")" + stamp.string() + R"("},
      {"name": "where", "cmd": "pwd", "cwd": [")" + project.string() + R"(/**"]}
    ]}, "global": null})";
  auto execute = [&](const std::string& args) { return f.call("execute", args, "main", scope); };

  auto r = execute(R"({"program": "git-commit", "args": ["commit", "-m", "x"], "options": {"cwd": ")" +
                   project.string() + R"(", "env": {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.fsmonitor",
                   "GIT_CONFIG_VALUE_0": "id > pwned-git; false"}}})");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_NE(r.error.find("options.env.GIT_CONFIG_COUNT is not a variable"), std::string::npos) << r.error;
  r = execute(R"({"program": "stamp", "options": {"env": {"BASH_FUNC_date%%": "() { id > )" + project.string() +
              R"(/pwned-bash; }"}}})");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  // git-commit has no cwd pattern covering the other repository, pwd none covering /etc.
  r = execute(R"({"program": "git-commit", "args": ["commit", "-m", "x"], "options": {"cwd": ")" + victim.string() +
              R"("}})");
  EXPECT_NE(r.error.find("is not an existing folder in the cwd scope of entry 'git-commit'"), std::string::npos)
      << r.error;
  for (std::string cwd : {std::string("/etc"), (project / "etc-link").string(), project.string() + "/../victim"}) {
    r = execute(R"({"program": "where", "options": {"cwd": ")" + cwd + R"("}})");
    EXPECT_EQ(r.kind, CallResult::Kind::error) << cwd << ": " << r.json;
  }
  EXPECT_FALSE(fs::exists(project / "pwned-git"));
  EXPECT_FALSE(fs::exists(project / "pwned-bash"));
  std::string count = "test \"$(git -C '" + victim.string() + "' rev-list --count HEAD)\" = 1";
  EXPECT_EQ(std::system(count.c_str()), 0) << "a commit appeared in the other repository";

  // What the entries do allow still runs: env null (an empty environment), a folder in the scope,
  // given canonical to the child.
  r = execute(R"({"program": "stamp", "options": {"env": null}})");
  ASSERT_EQ(r.kind, CallResult::Kind::json) << r.error;
  EXPECT_EQ(std::string(json::parse(r.json).at("stdout").as_string()).substr(0, 6), "stamp ");
  fs::create_directory(project / "sub");
  r = execute(R"({"program": "where", "options": {"cwd": ")" + project.string() + R"(/sub/../sub"}})");
  ASSERT_EQ(r.kind, CallResult::Kind::json) << r.error;
  EXPECT_EQ(std::string(json::parse(r.json).at("stdout").as_string()), fs::canonical(project / "sub").string() + "\n");
}

TEST(ShellPlugin, SpawnStreamsLinesTakesStdinAndIsKilledByItsWebviewOnly) {
  Fixture f;
  int pid = f.spawn("cat");
  ASSERT_GT(pid, 0);
  EXPECT_EQ(f.call("stdin_write", R"({"pid": )" + std::to_string(pid) + R"(, "buffer": "one\ntwo\n"})").kind,
            CallResult::Kind::json);
  auto bytes = f.call("stdin_write", R"({"pid": )" + std::to_string(pid) + R"(, "buffer": [116, 104, 114, 101, 101, 10]})");
  EXPECT_EQ(bytes.kind, CallResult::Kind::json) << bytes.error;
  ASSERT_TRUE(f.inbox->wait([&] { return f.inbox->stdout_text() == "one\ntwo\nthree\n"; })) << f.inbox->stdout_text();
  {
    std::lock_guard l(f.inbox->m);
    EXPECT_EQ(f.inbox->messages.front(), json::parse(R"({"event":"Stdout","payload":"one\n"})"));
  }
  // Another webview cannot reach it.
  auto other = f.call("kill", R"({"cmd": "killChild", "pid": )" + std::to_string(pid) + "}", "second");
  EXPECT_NE(other.error.find("was spawned by this page"), std::string::npos) << other.error;
  other = f.call("stdin_write", R"({"pid": )" + std::to_string(pid) + R"(, "buffer": "x"})", "second");
  EXPECT_EQ(other.kind, CallResult::Kind::error);
  EXPECT_TRUE(alive(pid));
  EXPECT_EQ(f.call("kill", R"({"cmd": "killChild", "pid": )" + std::to_string(pid) + "}").kind, CallResult::Kind::json);
  EXPECT_EQ(f.terminated(), json::parse(R"({"code":null,"signal":9})"));
  EXPECT_NE(f.call("kill", R"({"cmd": "killChild", "pid": 1})").error.find("no running child process with pid 1"),
            std::string::npos);
}

TEST(ShellPlugin, ExecuteOutputIsBoundedAndTheFloodingChildEnds) {
  Fixture f;
  auto r = f.call("execute", R"({"program": "flood"})");
  ASSERT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_NE(r.error.find("more than 64 MiB of output; it was terminated"), std::string::npos) << r.error;
}

TEST(ShellPlugin, RawSpawnEventsCarryBytes) {
  Fixture f;
  auto r = f.call("spawn", R"({"program": "say", "args": ["%s\\n", "ab"], "options": {"encoding": "raw"},
                               "onEvent": "__CHANNEL__:7"})");
  // 'say' is in this scope for every command here: the scope JSON is the same for all calls.
  ASSERT_EQ(r.kind, CallResult::Kind::json) << r.error;
  EXPECT_EQ(f.terminated(), json::parse(R"({"code":0,"signal":null})"));
  std::lock_guard l(f.inbox->m);
  json::array bytes;
  for (auto& v : f.inbox->messages)
    if (v.at("event") == "Stdout")
      for (auto& b : v.at("payload").as_array()) bytes.push_back(b);
  EXPECT_EQ(json::value(bytes), json::parse("[97,98,10]"));
}

// A child belongs to the page and origin that spawned it (issue 13, finding 1): a cross-origin
// frame of the same webview, or the next document it shows, can neither write to it nor kill
// it, and it ends when its page goes away.
TEST(ShellPlugin, AChildBelongsToItsPageAndOriginAndEndsWithItsPage) {
  Fixture f;
  int pid = f.spawn("cat");
  ASSERT_GT(pid, 0);
  std::string kill = R"({"cmd": "killChild", "pid": )" + std::to_string(pid) + "}";
  std::string write = R"({"pid": )" + std::to_string(pid) + R"(, "buffer": "x\n"})";
  for (auto [origin, page] : {std::pair<std::string, uint64_t>{"http://127.0.0.1:8000", 0}, {"app://localhost", 1}}) {
    auto r = f.call("kill", kill, "main", kScope, origin, page);
    EXPECT_NE(r.error.find("no running child process with pid"), std::string::npos) << origin << page << r.error;
    r = f.call("stdin_write", write, "main", kScope, origin, page);
    EXPECT_NE(r.error.find("no running child process with pid"), std::string::npos) << origin << page << r.error;
  }
  EXPECT_TRUE(alive(pid));
  EXPECT_EQ(f.call("stdin_write", write).kind, CallResult::Kind::json);  // its own page still may
  f.resources.remove_pages_before("main", 1);  // the webview committed another document
  EXPECT_EQ(f.terminated(), json::parse(R"({"code":null,"signal":15})"));
  EXPECT_FALSE(alive(pid));
  // A spawn still running for the page that is gone starts nothing.
  auto late = f.call("spawn", R"({"program": "cat", "args": [], "options": {}, "onEvent": "__CHANNEL__:7"})");
  EXPECT_EQ(late.kind, CallResult::Kind::error);
  EXPECT_NE(late.error.find("the page that asked for it is gone"), std::string::npos) << late.error;
}

TEST(ShellPlugin, AChildEndsWhenItsWebviewGoesAway) {
  Fixture f;
  int pid = f.spawn("sleeper", R"(["60"])");
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(alive(pid));
  f.resources.remove_webview("main");
  EXPECT_EQ(f.terminated(), json::parse(R"({"code":null,"signal":15})"));
  EXPECT_FALSE(alive(pid));
}

TEST(ShellPlugin, UnloadingThePluginEndsItsChildren) {
  int pid = 0;
  {
    Fixture f;
    pid = f.spawn("sleeper", R"(["60"])");
    ASSERT_GT(pid, 0);
  }
  EXPECT_FALSE(alive(pid));
}

TEST(ShellPlugin, OpenRunsTheConfiguredOpenerWithTheValidatedPath) {
  Fixture f;
  EXPECT_EQ(f.call("open", R"({"path": "https://tauri.app/docs"})").kind, CallResult::Kind::json);
  EXPECT_NE(f.call("open", R"({"path": "file:///etc/passwd"})").error.find("does not match the open validator"),
            std::string::npos);
  EXPECT_NE(f.call("open", R"({"path": "--version"})").error.find("starts with '-'"), std::string::npos);
  EXPECT_NE(f.call("open", R"({"path": "mailto:a@example.com?%61ttach=/etc/passwd"})").error.find("attach a local file"),
            std::string::npos);
  EXPECT_NE(f.call("open", R"({"path": "https://tauri.app", "with": "sh"})").error.find("is not one of"),
            std::string::npos);
  fs::path opened = f.tmp.path / "opened.txt";
  std::string text;
  for (int i = 0; i < 500 && text.empty(); ++i) {
    std::ifstream in(opened);
    std::getline(in, text);
    if (text.empty()) std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(text, "https://tauri.app/docs");
}

TEST(ShellPlugin, TheInitScriptSendsBlankTargetLinksToOpen) {
  Fixture f;
  const std::string& js = f.lib->init_script();
  EXPECT_NE(js.find("plugin:shell|open"), std::string::npos);
  EXPECT_NE(js.find("'_blank'"), std::string::npos);
  EXPECT_NE(js.find("defaultPrevented"), std::string::npos);
}

TEST(ShellPlugin, BadConfigRefusesTheLoad) {
  try {
    PluginLibrary::load(WARDEN_SHELL_PLUGIN, R"({"open": 3})");
    ADD_FAILURE() << "loaded with a bad config";
  } catch (const LoadError& e) {
    EXPECT_NE(e.reason().find("init failed: plugins.shell.open"), std::string::npos) << e.reason();
  }
}
