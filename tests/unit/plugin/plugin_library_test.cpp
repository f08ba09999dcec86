// Loading real plugin libraries with Boost.DLL: commands through the C++ wrapper and the raw C
// ABI, exceptions turned into errors, and one test plugin per refusal reason.
#include <gtest/gtest.h>

#include <mutex>

#include <boost/json.hpp>

#include "plugin/load_error.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/plugin_permissions.hpp"
#include "test_files.hpp"

using namespace warden::plugin;
using warden::test::TempDir;

namespace {

CallResult run(PluginLibrary& lib, const std::string& command, const std::string& args = "{}",
               std::optional<std::string> body = std::nullopt, const std::string& scopes = "") {
  CallRequest r;
  r.command = command;
  r.args_json = args;
  r.body = std::move(body);
  if (!scopes.empty()) r.scopes_json = scopes;
  PendingCall call = lib.invoke(std::move(r));
  auto result = call.wait_for(std::chrono::seconds(10));
  if (!result) {
    ADD_FAILURE() << command << " did not complete";
    return CallResult::from_error("timeout");
  }
  return *result;
}

boost::json::value json_of(const CallResult& r) {
  EXPECT_EQ(r.kind, CallResult::Kind::json) << r.error;
  return r.kind == CallResult::Kind::json ? boost::json::parse(r.json) : boost::json::value();
}

std::string refusal(const std::filesystem::path& file, const std::string& config = "{}") {
  try {
    PluginLibrary::load(file, config);
  } catch (const LoadError& e) {
    EXPECT_EQ(e.file(), file);
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos);
    return e.reason();
  }
  return "(loaded)";
}

}  // namespace

TEST(PluginLibrary, GoodPluginLoadsAndRunsThroughTheCppWrapper) {
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD, R"({"greeting":"hi"})");
  EXPECT_EQ(lib->name(), "test-good");
  EXPECT_EQ(lib->version(), "1.2.3");
  EXPECT_EQ(lib->command_flags("echo"), 0u);
  EXPECT_EQ(lib->command_flags("bytes"), WARDEN_COMMAND_BLOCKING);
  EXPECT_FALSE(lib->command_flags("nope"));
  auto permissions = plugin_permissions(lib->manifest(), lib->file());
  EXPECT_EQ(permissions.name, "test-good");
  EXPECT_EQ(permissions.files.size(), lib->manifest().files.size());
  EXPECT_EQ(json_of(run(*lib, "echo", R"({"value":"pong"})")), boost::json::parse(R"({"value":"pong"})"));
  EXPECT_EQ(json_of(run(*lib, "config")), boost::json::parse(R"({"greeting":"hi"})"));
  EXPECT_EQ(json_of(run(*lib, "async", R"({"value":"v"})")), boost::json::parse(R"({"later":"v"})"));
}

TEST(PluginLibrary, CommandsSeeTheCallerScopesAndBody) {
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD);
  CallRequest r;
  r.command = "context";
  r.caller = {"settings", "settings-view", "https://tauri.app"};
  r.scopes_json = R"({"command":{"allow":["$HOME/**"],"deny":[]},"global":null})";
  r.body = std::string();
  auto result = lib->invoke(r).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(result);
  EXPECT_EQ(json_of(*result), boost::json::parse(R"({"window":"settings","webview":"settings-view",
    "origin":"https://tauri.app","has_body":true,
    "scopes":{"command":{"allow":["$HOME/**"],"deny":[]},"global":null}})"));

  CallResult bytes = run(*lib, "bytes", "{}", std::string("\x01\x02\x03", 3));
  EXPECT_EQ(bytes.kind, CallResult::Kind::bytes);
  EXPECT_EQ(bytes.bytes, std::string("\x03\x02\x01", 3));
}

// A scope refusal reaches the host as such (warden_host::reject_scope) with its detail, which
// the host logs and hides from release pages; a plain failure is not one.
TEST(PluginLibrary, ScopeRefusalsAreMarkedAsSuch) {
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD);
  CallResult thrown = run(*lib, "refuse", R"({"path":"/etc/passwd"})");
  EXPECT_EQ(thrown.kind, CallResult::Kind::error);
  EXPECT_TRUE(thrown.scope_refused);
  EXPECT_EQ(thrown.error, "'/etc/passwd' is outside the allowed scope $HOME/**");
  CallResult later = run(*lib, "refuse_later", R"({"path":"/root/.ssh/id"})");
  EXPECT_EQ(later.kind, CallResult::Kind::error);
  EXPECT_TRUE(later.scope_refused);
  EXPECT_EQ(later.error, "'/root/.ssh/id' is denied by $HOME/.ssh/**");
  CallResult failed = run(*lib, "fail");
  EXPECT_EQ(failed.kind, CallResult::Kind::error);
  EXPECT_FALSE(failed.scope_refused);
}

TEST(PluginLibrary, ExceptionsBecomeCommandErrors) {
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD);
  CallResult fail = run(*lib, "fail");
  EXPECT_EQ(fail.kind, CallResult::Kind::error);
  EXPECT_EQ(fail.error, "boom: the command failed");
  CallResult unknown = run(*lib, "throw_unknown");
  EXPECT_EQ(unknown.kind, CallResult::Kind::error);
  EXPECT_NE(unknown.error.find("unknown exception"), std::string::npos);
  CallResult bad_args = run(*lib, "echo", R"({"value": 3})");
  EXPECT_EQ(bad_args.kind, CallResult::Kind::error);
  EXPECT_NE(bad_args.error.find("invalid arguments for command 'echo'"), std::string::npos) << bad_args.error;
  // Arguments taken by value: the parsed object itself, or a struct; results with every kind of
  // JSON value written back exactly.
  EXPECT_EQ(json_of(run(*lib, "take", R"({"a":[1,-2.5,null,true],"s":"q\"\n\u0001é😀","o":{}})")),
            boost::json::parse(R"({"a":[1,-2.5,null,true],"s":"q\"\n\u0001é😀","o":{},"taken":true})"));
  EXPECT_EQ(json_of(run(*lib, "shout", R"({"value":"hey"})")), boost::json::parse(R"({"value":"hey!"})"));
  EXPECT_EQ(run(*lib, "shout", R"({"value":1})").kind, CallResult::Kind::error);

  CallResult dropped = run(*lib, "drop");
  EXPECT_EQ(dropped.kind, CallResult::Kind::error);
  EXPECT_NE(dropped.error.find("dropped its completion"), std::string::npos);
  // The plugin still works afterwards.
  EXPECT_EQ(json_of(run(*lib, "echo", R"({"value":"still"})")), boost::json::parse(R"({"value":"still"})"));
}

TEST(PluginLibrary, ExceptionEscapingARawPluginIsContained) {
  auto lib = PluginLibrary::load(WARDEN_TEST_RAW_THROW);
  CallResult r = run(*lib, "throws");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_NE(r.error.find("escaped the plugin"), std::string::npos);
}

TEST(PluginLibrary, UnknownCommandIsAnError) {
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD);
  CallResult r = run(*lib, "nope");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_NE(r.error.find("has no command 'nope'"), std::string::npos);
}

TEST(PluginLibrary, HostServicesReachThePlugin) {
  std::mutex m;
  std::vector<PluginEvent> events;
  HostOptions options;
  options.paths.getenv = [](const std::string& n) -> std::optional<std::string> {
    if (n == "HOME") return "/home/tester";
    return std::nullopt;
  };
  options.events = [&](const PluginEvent& e) {
    std::lock_guard lock(m);
    events.push_back(e);
  };
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD, "{}", options);
  EXPECT_EQ(json_of(run(*lib, "emit", R"({"value":"e1"})")), boost::json::value(true));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].plugin, "test-good");
  EXPECT_EQ(events[0].event, "test-event");
  EXPECT_EQ(boost::json::parse(events[0].payload_json), boost::json::parse(R"({"value":"e1"})"));
  EXPECT_FALSE(events[0].target_window);

  EXPECT_EQ(json_of(run(*lib, "resolve", R"({"path":"$HOME/x"})")), boost::json::value("/home/tester/x"));
  EXPECT_EQ(json_of(run(*lib, "resolve", R"({"path":"$NOPE/x"})")), boost::json::value(nullptr));
  const std::string scopes = R"({"command":{"allow":["$HOME/**"],"deny":["$HOME/private/**"]},"global":null})";
  EXPECT_EQ(json_of(run(*lib, "in_scope", R"({"path":"/home/tester/a"})", std::nullopt, scopes)),
            boost::json::value(true));
  EXPECT_EQ(json_of(run(*lib, "in_scope", R"({"path":"/home/tester/private/a"})", std::nullopt, scopes)),
            boost::json::value(false));
  EXPECT_EQ(json_of(run(*lib, "in_scope", R"({"path":"/home/tester/.ssh/id"})", std::nullopt, scopes)),
            boost::json::value(false));
}

TEST(PluginLibrary, PlainCPluginRunsOnTheRawAbi) {
  auto lib = PluginLibrary::load(WARDEN_TEST_PLAIN_C);
  EXPECT_EQ(lib->name(), "test-plain-c");
  EXPECT_EQ(json_of(run(*lib, "hello", R"({"n":1})")), boost::json::parse(R"({"hello":"main","args":{"n":1}})"));
  CallResult r = run(*lib, "refuse");
  EXPECT_EQ(r.kind, CallResult::Kind::error);
  EXPECT_EQ(r.error, "refused by plain C");
  EXPECT_FALSE(r.scope_refused);
  CallResult scope = run(*lib, "out_of_scope");
  EXPECT_EQ(scope.kind, CallResult::Kind::error);
  EXPECT_TRUE(scope.scope_refused);
  EXPECT_EQ(scope.error, "'/etc' is outside $HOME/**");
}

TEST(PluginLibrary, RawCAbiCallOfACppPlugin) {
  // Drive the good plugin's exported entry by hand, as a C host would: descriptor, init,
  // command table, invoke with a hand-made request.
  boost::dll::shared_library raw(WARDEN_TEST_GOOD);
  auto entry = raw.get<const warden_plugin*(uint32_t)>(WARDEN_PLUGIN_ENTRY_SYMBOL);
  const warden_plugin* p = entry(WARDEN_ABI_VERSION);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(entry(WARDEN_ABI_VERSION + 1), nullptr);
  EXPECT_STREQ(p->name, "test-good");
  const warden_command* echo = nullptr;
  for (size_t i = 0; i < p->command_count; ++i)
    if (std::string(p->commands[i]->name) == "echo") echo = p->commands[i];
  ASSERT_NE(echo, nullptr);
  CallRequest r;
  r.command = "echo";
  r.args_json = R"({"value":"raw"})";
  PendingCall call("test-good", r);
  void* state = nullptr;
  HostServices host("test-good", {});
  char error[64];
  ASSERT_EQ(p->init(host.vtable(), "{}", &state, error, sizeof error), WARDEN_OK);
  echo->invoke(state, call.request());
  auto result = call.wait_for(std::chrono::seconds(1));
  ASSERT_TRUE(result);
  EXPECT_EQ(json_of(*result), boost::json::parse(R"({"value":"raw"})"));
  p->shutdown(state);
}

TEST(PluginLibrary, RefusesEachBrokenPluginWithItsReason) {
  EXPECT_NE(refusal(WARDEN_TEST_NO_ENTRY).find("missing entry symbol warden_plugin_entry"), std::string::npos);
  EXPECT_NE(refusal(WARDEN_TEST_NO_SECTION).find("no .warden_manifest section"), std::string::npos);
  EXPECT_NE(refusal(WARDEN_TEST_ABI_MISMATCH).find("ABI mismatch"), std::string::npos);
  std::string mismatch = refusal(WARDEN_TEST_COMMAND_MISMATCH);
  EXPECT_NE(mismatch.find("command table does not match the manifest section"), std::string::npos) << mismatch;
  EXPECT_NE(mismatch.find("declared but not in the table: beta"), std::string::npos) << mismatch;
  EXPECT_NE(mismatch.find("in the table but not declared: gamma"), std::string::npos) << mismatch;
  std::string init = refusal(WARDEN_TEST_INIT_FAILS);
  EXPECT_EQ(init, "init failed: missing required config key 'token'");
  EXPECT_NE(refusal(WARDEN_TEST_BAD_STRUCT_SIZE).find("warden_plugin.struct_size is"), std::string::npos);
  TempDir dir;
  auto text = dir.write("notes.so", "not a library");
  EXPECT_NE(refusal(text).find("not a shared library"), std::string::npos);
}

TEST(PluginLibrary, ConfigReachesInit) {
  auto lib = PluginLibrary::load(WARDEN_TEST_INIT_FAILS, R"({"token":"s3cret"})");
  EXPECT_EQ(json_of(run(*lib, "token")), boost::json::value("s3cret"));
}

TEST(PluginFolder, RefusedPluginsDoNotStopTheOthers) {
  TempDir a, b;
  a.copy(WARDEN_TEST_GOOD, "10-good.so");
  a.copy(WARDEN_TEST_NO_ENTRY, "20-no-entry.so");
  a.copy(WARDEN_TEST_COMMAND_MISMATCH, "30-mismatch.so");
  a.copy(WARDEN_TEST_INIT_FAILS, "40-init-fails.so");
  a.write("50-text.so", "text");
  a.write("README.md", "not a candidate");
  b.copy(WARDEN_TEST_GOOD, "duplicate.so");
  b.copy(WARDEN_TEST_PLAIN_C, "plain.so");
  b.copy(WARDEN_PING, "ping.so");

  AppPlugins app;
  app.configs = {{"test-good", {{"greeting", "folder"}}}};
  LoadedPlugins plugins = load_app_plugins(app, {a.path(), b.path(), a / "missing"});
  std::vector<std::string> loaded;
  for (const auto& p : plugins.loaded) loaded.push_back(p->name());
  // Folders in the order given, files by name within each.
  EXPECT_EQ(loaded, (std::vector<std::string>{"test-good", "ping", "test-plain-c"}));
  EXPECT_EQ(json_of(run(*plugins.loaded[0], "config")), boost::json::parse(R"({"greeting":"folder"})"));
  EXPECT_EQ(json_of(run(*plugins.loaded[1], "ping", R"({"value":"p"})")), boost::json::parse(R"({"value":"p"})"));

  std::map<std::string, std::string> refused;
  for (const auto& r : plugins.refused) refused[r.file.filename().string()] = r.reason;
  ASSERT_EQ(refused.size(), 6u);
  EXPECT_NE(refused["20-no-entry.so"].find("missing entry symbol"), std::string::npos);
  EXPECT_NE(refused["30-mismatch.so"].find("command table does not match"), std::string::npos);
  EXPECT_NE(refused["40-init-fails.so"].find("init failed"), std::string::npos);
  EXPECT_NE(refused["50-text.so"].find("not a shared library"), std::string::npos);
  EXPECT_NE(refused["duplicate.so"].find("duplicate plugin name 'test-good': already provided by " +
                                         (a / "10-good.so").string()),
            std::string::npos)
      << refused["duplicate.so"];
  EXPECT_NE(refused["missing"].find("cannot read plugin folder"), std::string::npos);
}

TEST(PluginFolder, ScanningDoesNotLoad) {
  TempDir dir;
  dir.copy(WARDEN_TEST_MARKER, "marker.so");
  auto marker = dir / "marker-ran";
  ::setenv("WARDEN_TEST_MARKER", marker.c_str(), 1);
  auto candidates = scan_plugin_folders({dir.path()});
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_TRUE(candidates[0].manifest);
  EXPECT_FALSE(std::filesystem::exists(marker));
  ::unsetenv("WARDEN_TEST_MARKER");
}
