// The shell scope without a host: which entry runs with which arguments, environment and folder,
// and every way a page might try to get more than that (extra or missing arguments, shell syntax,
// newlines, NUL bytes, names that are paths, validators matched only in part, deny entries,
// variables and folders the entry does not name).
#include <gtest/gtest.h>
#include <pthread.h>

#include <boost/json.hpp>

#include "shell_scope.hpp"

namespace json = boost::json;
using namespace warden::shell_plugin;

namespace {

ShellScope scope_of(const char* allow, const char* deny = "[]") {
  return parse_shell_scope(json::parse(std::string(R"({"command":{"allow":)") + allow + R"(,"deny":)" + deny +
                                       R"(},"global":null})"));
}

// The refusal message of authorize() (a scope refusal or bad input), or "" when it allowed the call.
std::string refusal(const ShellScope& s, const std::string& program, const std::vector<std::string>& args) {
  try {
    authorize(s, program, args);
    return "";
  } catch (const ScopeError& e) {
    return e.what();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

CommandOptions options_of(const char* text) {
  json::value v = json::parse(text);
  return parse_command_options(&v);
}

// A folder check standing in for the host's path scope: the folders listed exist, and a pattern
// covers a folder when it equals it.
std::optional<std::string> fake_cwd_check(const std::string& cwd, const std::vector<std::string>& patterns) {
  if (cwd == "/srv/link-to-etc") return std::nullopt;  // canonical /etc: no pattern names it
  for (const auto& p : patterns)
    if (p == cwd) return cwd;
  return std::nullopt;
}

// authorize() with the page's options; the refusal message or "" when allowed.
std::string refusal_with(const ShellScope& s, const std::string& program, const std::vector<std::string>& args,
                         const char* options) {
  try {
    authorize(s, program, args, options_of(options), fake_cwd_check);
    return "";
  } catch (const ScopeError& e) {
    return e.what();
  }
}

const char* kGitCommit = R"([{"name": "git-commit", "cmd": "git", "args": ["commit", "-m", {"validator": "\\S+"}]}])";

}  // namespace

TEST(ShellScope, AllowsTheNamedEntryWithMatchingArguments) {
  auto c = authorize(scope_of(kGitCommit), "git-commit", {"commit", "-m", "message"});
  EXPECT_EQ(c.entry, "git-commit");
  EXPECT_EQ(c.cmd, "git");
  EXPECT_EQ(c.args, (std::vector<std::string>{"commit", "-m", "message"}));
}

TEST(ShellScope, ExtraAndMissingArgumentsAreRefused) {
  auto s = scope_of(kGitCommit);
  EXPECT_NE(refusal(s, "git-commit", {"commit", "-m", "msg", "--amend"}).find("takes exactly 3 arguments, got 4"),
            std::string::npos);
  EXPECT_NE(refusal(s, "git-commit", {"commit", "-m"}).find("takes exactly 3 arguments, got 2"), std::string::npos);
  // No arguments at all: only an entry whose arguments are all fixed runs (with them).
  EXPECT_NE(refusal(s, "git-commit", {}).find("got 0"), std::string::npos);
}

TEST(ShellScope, FixedArgumentsMustBeExactlyTheFixedValue) {
  auto s = scope_of(kGitCommit);
  EXPECT_NE(refusal(s, "git-commit", {"push", "-m", "msg"}).find("argument 0 of program 'git-commit' must be 'commit'"),
            std::string::npos);
  EXPECT_NE(refusal(s, "git-commit", {"commit ", "-m", "msg"}).find("must be 'commit'"), std::string::npos);
  EXPECT_NE(refusal(s, "git-commit", {"commit", "-m=x", "msg"}).find("must be '-m'"), std::string::npos);
}

TEST(ShellScope, ShellSyntaxInAnArgumentIsRefusedByTheValidator) {
  auto s = scope_of(kGitCommit);
  for (const char* attempt : {"two words", "\"quoted message\"", "'single quoted'", "a;rm -rf /", "$(rm -rf ~)",
                              "`rm -rf ~`", "x\ny", "x\n", "\nx", "x\ty", "x\r\n", ""}) {
    std::string why = refusal(s, "git-commit", {"commit", "-m", attempt});
    EXPECT_NE(why.find("does not match the validator '\\S+'"), std::string::npos) << attempt << ": " << why;
  }
  // Shell syntax without whitespace matches \S+, and that is harmless: no shell ever sees it,
  // the program gets it as one argv element.
  auto c = authorize(s, "git-commit", {"commit", "-m", "a;b$(c)`d`|e>f"});
  EXPECT_EQ(c.args.size(), 3u);
  EXPECT_EQ(c.args[2], "a;b$(c)`d`|e>f");
}

TEST(ShellScope, ValidatorsMustMatchTheWholeArgument) {
  auto s = scope_of(R"([{"name": "num", "cmd": "seq", "args": [{"validator": "[0-9]+"}]},
                        {"name": "alt", "cmd": "echo", "args": [{"validator": "a|ab"}]},
                        {"name": "anchored", "cmd": "echo", "args": [{"validator": "^safe$"}]}])");
  EXPECT_EQ(refusal(s, "num", {"42"}), "");
  EXPECT_NE(refusal(s, "num", {"42; id"}), "");
  EXPECT_NE(refusal(s, "num", {"x42"}), "");
  EXPECT_NE(refusal(s, "num", {"42\n"}), "");
  EXPECT_NE(refusal(s, "num", {""}), "");
  // An alternation is anchored as a whole: "a|ab" accepts "ab" but not "abc" or "xa".
  EXPECT_EQ(refusal(s, "alt", {"ab"}), "");
  EXPECT_NE(refusal(s, "alt", {"abc"}), "");
  EXPECT_NE(refusal(s, "alt", {"xa"}), "");
  EXPECT_EQ(refusal(s, "anchored", {"safe"}), "");
  EXPECT_NE(refusal(s, "anchored", {"safe\nrm"}), "");
}

TEST(ShellScope, RawValidatorsMatchAnywhereAsInTauri) {
  auto s = scope_of(R"([{"name": "raw", "cmd": "echo", "args": [{"validator": "ok", "raw": true}]}])");
  EXPECT_EQ(refusal(s, "raw", {"this is ok too"}), "");
  EXPECT_NE(refusal(s, "raw", {"nothing"}), "");
}

TEST(ShellScope, AValidatorIsNeverRunOnAHugeArgument) {
  auto s = scope_of(R"([{"name": "any", "cmd": "echo", "args": [{"validator": "(a|b)*"}]}])");
  std::string huge(1 << 20, 'a');
  EXPECT_NE(refusal(s, "any", {huge}).find("longer than 4096 bytes"), std::string::npos);
  EXPECT_EQ(refusal(s, "any", {std::string(kMaxValidatedArgument, 'b')}), "");
}

// A host worker thread may have a small stack: matching the longest argument against a
// backtracking-heavy validator from a 256 KiB stack must neither crash nor refuse wrongly.
TEST(ShellScope, AValidatorRunsSafelyFromASmallStack) {
  struct Job {
    std::string why = "not run";
  } job;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, +[](void* p) -> void* {
              auto s = scope_of(R"([{"name": "any", "cmd": "echo", "args": [{"validator": "(a|b)*c?"}]}])");
              static_cast<Job*>(p)->why = refusal(s, "any", {std::string(kMaxValidatedArgument, 'b')});
              return nullptr;
            }, &job), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(job.why, "");
}

TEST(ShellScope, ProgramNamesAreEntryNamesNeverPaths) {
  auto s = scope_of(R"([{"name": "echo", "cmd": "/usr/bin/echo", "args": true}])");
  EXPECT_EQ(refusal(s, "echo", {"anything", "goes"}), "");
  for (const char* attempt : {"/usr/bin/echo", "/bin/sh", "sh", "./echo", "../echo", "echo ", " echo", "ECHO",
                              "echo/../sh", "echo;sh", "/usr/bin/../bin/echo"}) {
    std::string why = refusal(s, attempt, {});
    EXPECT_NE(why.find("is not in the shell scope (allowed: 'echo')"), std::string::npos) << attempt << ": " << why;
  }
  EXPECT_NE(refusal(s, "", {}).find("must name an entry"), std::string::npos);
  EXPECT_NE(refusal(scope_of("[]"), "echo", {}).find("the scope is empty"), std::string::npos);
}

TEST(ShellScope, NulBytesAreRefusedEverywhere) {
  auto s = scope_of(R"([{"name": "echo", "cmd": "echo", "args": true}])");
  EXPECT_NE(refusal(s, std::string("echo\0x", 6), {}).find("NUL"), std::string::npos);
  EXPECT_NE(refusal(s, "echo", {std::string("ok\0--evil", 9)}).find("NUL"), std::string::npos);
}

TEST(ShellScope, NoArgumentsMeansNone) {
  auto s = scope_of(R"([{"name": "ls", "cmd": "ls"}, {"name": "pwd", "cmd": "pwd", "args": false},
                        {"name": "fixed", "cmd": "echo", "args": ["a", "b"]}])");
  EXPECT_EQ(refusal(s, "ls", {}), "");
  EXPECT_NE(refusal(s, "ls", {"-la"}).find("takes exactly 0 arguments, got 1"), std::string::npos);
  EXPECT_NE(refusal(s, "pwd", {"/"}), "");
  EXPECT_EQ(authorize(s, "fixed", {}).args, (std::vector<std::string>{"a", "b"}));
}

TEST(ShellScope, DenyEntriesBeatAllowEntries) {
  auto s = parse_shell_scope(json::parse(R"({
    "command": {"allow": [{"name": "echo", "cmd": "echo", "args": true}], "deny": []},
    "global": {"allow": [], "deny": [{"name": "echo"}]}})"));
  EXPECT_NE(refusal(s, "echo", {"x"}).find("refused by a deny entry"), std::string::npos);
}

TEST(ShellScope, CommandAndGlobalEntriesBothCountAndTheFirstMatchingEntryWins) {
  auto s = parse_shell_scope(json::parse(R"({
    "command": {"allow": [{"name": "say", "cmd": "echo", "args": [{"validator": "[0-9]+"}]}]},
    "global": {"allow": [{"name": "say", "cmd": "/bin/echo", "args": [{"validator": "[a-z]+"}]}]}})"));
  EXPECT_EQ(authorize(s, "say", {"12"}).cmd, "echo");
  EXPECT_EQ(authorize(s, "say", {"ab"}).cmd, "/bin/echo");
  std::string why = refusal(s, "say", {"a1"});
  EXPECT_NE(why.find("'[0-9]+'"), std::string::npos) << why;
  EXPECT_NE(why.find("'[a-z]+'"), std::string::npos) << why;
}

TEST(ShellScope, SidecarEntriesNeverRun) {
  auto s = scope_of(R"([{"name": "tool", "sidecar": true, "args": true}])");
  EXPECT_NE(refusal(s, "tool", {}).find("sidecar"), std::string::npos);
}

TEST(ShellScope, MalformedEntriesFailTheCallNamingTheField) {
  auto message = [](const char* allow) {
    try {
      scope_of(allow);
      return std::string();
    } catch (const ScopeError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_NE(message(R"([{"cmd": "echo"}])").find("allow[0].name"), std::string::npos);
  EXPECT_NE(message(R"([{"name": "x"}])").find("allow[0].cmd"), std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "args": [{"validator": "("}]}])").find("allow[0].args[0].validator: invalid regular expression"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "args": [1]}])").find("allow[0].args[0]"), std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "arg": true}])").find("unknown field 'arg'"), std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "args": "all"}])").find("allow[0].args"), std::string::npos);
  EXPECT_NE(message(R"("everything")").find("allow: expected an array"), std::string::npos);
}

TEST(ShellScope, PageArgumentsAreAStringOrAnArrayOfStrings) {
  EXPECT_TRUE(parse_page_args(nullptr).empty());
  json::value one = "x";
  EXPECT_EQ(parse_page_args(&one), (std::vector<std::string>{"x"}));
  json::value list = json::parse(R"(["a", "b c"])");
  EXPECT_EQ(parse_page_args(&list), (std::vector<std::string>{"a", "b c"}));
  json::value bad = json::parse(R"(["a", 1])");
  EXPECT_THROW(parse_page_args(&bad), std::invalid_argument);
  json::value obj = json::parse(R"({"0": "a"})");
  EXPECT_THROW(parse_page_args(&obj), std::invalid_argument);
}

// Issue 12, finding 1: with docs/plugins/shell.md's own entry, git read core.fsmonitor (a command
// it runs) from GIT_CONFIG_* variables of the page's, and bash imported the page's functions.
TEST(ShellScopeEnv, APageSetsNoVariableTheEntryDoesNotName) {
  auto s = scope_of(kGitCommit);
  std::string why = refusal_with(s, "git-commit", {"commit", "-m", "x"},
                                 R"({"env": {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "core.fsmonitor",
                                             "GIT_CONFIG_VALUE_0": "id > /tmp/x; false"}})");
  EXPECT_NE(why.find("is not a variable that entry 'git-commit' lets a page set (it names none)"), std::string::npos)
      << why;
  for (const char* env : {R"({"env": {"BASH_FUNC_date%%": "() { id; }"}})", R"({"env": {"LANG": "C"}})",
                          R"({"env": {"GIT_DIR": "/etc/.git"}})", R"({"env": {"PATH": "/tmp"}})"})
    EXPECT_NE(refusal_with(s, "git-commit", {"commit", "-m", "x"}, env), "") << env;
  // Tauri's env: null (an empty environment) and no env at all set nothing of the page's.
  EXPECT_EQ(refusal_with(s, "git-commit", {"commit", "-m", "x"}, R"({"env": null})"), "");
  EXPECT_EQ(refusal_with(s, "git-commit", {"commit", "-m", "x"}, R"({"env": {}})"), "");
}

TEST(ShellScopeEnv, NamedVariablesAndValidatedValuesPass) {
  auto s = scope_of(R"([{"name": "greet", "cmd": "printenv", "args": ["GREETING"],
                         "env": ["GREETING", {"name": "LANG", "validator": "[A-Za-z_]+(\\.UTF-8)?"}]}])");
  EXPECT_EQ(refusal_with(s, "greet", {"GREETING"}, R"x({"env": {"GREETING": "anything at all; $(id)"}})x"), "");
  EXPECT_EQ(refusal_with(s, "greet", {"GREETING"}, R"({"env": {"LANG": "fr_FR.UTF-8", "GREETING": "x"}})"), "");
  std::string why = refusal_with(s, "greet", {"GREETING"}, R"({"env": {"LANG": "C; id"}})");
  EXPECT_NE(why.find("options.env.LANG 'C; id' does not match the validator"), std::string::npos) << why;
  why = refusal_with(s, "greet", {"GREETING"}, R"({"env": {"GREETING": "x", "GREETINGS": "y"}})");
  EXPECT_NE(why.find("options.env.GREETINGS is not a variable that entry 'greet' lets a page set"), std::string::npos)
      << why;
  // Names are exact: case matters, no prefixes.
  EXPECT_NE(refusal_with(s, "greet", {"GREETING"}, R"({"env": {"greeting": "x"}})"), "");
  // A validated value is matched whole, and never when it is huge.
  EXPECT_NE(refusal_with(s, "greet", {"GREETING"}, R"({"env": {"LANG": "C x"}})"), "");
  std::string huge = R"({"env": {"LANG": ")" + std::string(kMaxValidatedArgument + 1, 'a') + R"("}})";
  EXPECT_NE(refusal_with(s, "greet", {"GREETING"}, huge.c_str()), "");
}

TEST(ShellScopeEnv, NoEntryMayGrantVariablesThatLoadCodeInAnyProgram) {
  for (const char* name : {"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_FUNC_date%%", "BASH_ENV", "ENV",
                           "SHELLOPTS", "BASHOPTS", "PS4", "GCONV_PATH", "GLIBC_TUNABLES", "PROMPT_COMMAND"}) {
    std::string allow = std::string(R"([{"name": "x", "cmd": "echo", "env": [")") + name + R"("]}])";
    try {
      scope_of(allow.c_str());
      ADD_FAILURE() << name << " was accepted";
    } catch (const ScopeError& e) {
      EXPECT_NE(std::string(e.what()).find("allow[0].env[0]"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("no entry may let a page set it"), std::string::npos) << e.what();
    }
  }
}

TEST(ShellScopeCwd, APageChoosesAFolderOnlyWhereTheEntryAllows) {
  auto s = scope_of(R"([{"name": "where", "cmd": "pwd"},
                        {"name": "build", "cmd": "make", "cwd": ["/srv/project", "/srv/other"]}])");
  std::string why = refusal_with(s, "where", {}, R"({"cwd": "/etc"})");
  EXPECT_NE(why.find("options.cwd: entry 'where' names no folder a page may choose"), std::string::npos) << why;
  EXPECT_EQ(refusal_with(s, "where", {}, "{}"), "");
  auto c = authorize(s, "build", {}, options_of(R"({"cwd": "/srv/project"})"), fake_cwd_check);
  EXPECT_EQ(c.cwd, "/srv/project");
  EXPECT_EQ(authorize(s, "build", {}, options_of("{}"), fake_cwd_check).cwd, "");
  why = refusal_with(s, "build", {}, R"({"cwd": "/etc"})");
  EXPECT_NE(why.find("options.cwd '/etc' is not an existing folder in the cwd scope of entry 'build'"),
            std::string::npos)
      << why;
  EXPECT_NE(refusal_with(s, "build", {}, R"({"cwd": "/srv/link-to-etc"})"), "");
  // Without a folder check (nothing to ask), a cwd is refused.
  EXPECT_THROW(authorize(s, "build", {}, options_of(R"({"cwd": "/srv/project"})"), nullptr), ScopeError);
}

TEST(ShellScopeCwd, AnEntryIsChosenByItsArgumentsVariablesAndFolderTogether) {
  auto s = scope_of(R"([{"name": "say", "cmd": "/bin/echo", "args": true},
                        {"name": "say", "cmd": "/usr/bin/echo", "args": true, "env": ["A"], "cwd": ["/srv/a"]}])");
  EXPECT_EQ(authorize(s, "say", {"x"}, options_of("{}"), fake_cwd_check).cmd, "/bin/echo");
  EXPECT_EQ(authorize(s, "say", {"x"}, options_of(R"({"env": {"A": "1"}})"), fake_cwd_check).cmd, "/usr/bin/echo");
  EXPECT_EQ(authorize(s, "say", {"x"}, options_of(R"({"cwd": "/srv/a"})"), fake_cwd_check).cmd, "/usr/bin/echo");
  std::string why = refusal_with(s, "say", {"x"}, R"({"env": {"B": "1"}})");
  EXPECT_NE(why.find("entry 'say' lets a page set (it names none)"), std::string::npos) << why;
  EXPECT_TRUE(why.ends_with("; options.env.B is not a variable that entry 'say' lets a page set")) << why;
}

TEST(ShellScopeCwd, MalformedEnvAndCwdFieldsNameTheField) {
  auto message = [](const char* allow) {
    try {
      scope_of(allow);
      return std::string();
    } catch (const ScopeError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "env": "LANG"}])").find("allow[0].env: expected an array"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "env": ["A=B"]}])").find("is not a variable name"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "env": [{"name": "A", "validator": "("}]}])")
                .find("allow[0].env[0].validator: invalid regular expression"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "env": [{"name": "A", "value": "1"}]}])")
                .find("unknown field 'value'"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "cwd": "/tmp"}])").find("allow[0].cwd: expected an array"),
            std::string::npos);
  EXPECT_NE(message(R"([{"name": "x", "cmd": "echo", "cwd": [""]}])").find("allow[0].cwd[0]: expected a path pattern"),
            std::string::npos);
}
