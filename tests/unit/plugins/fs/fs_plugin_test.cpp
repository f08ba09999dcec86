// The real libfs.so loaded by the host's loader: its manifest carries every command of
// @tauri-apps/plugin-fs 2.6 and the permission identifiers of the official plugin, and its
// commands work through the host's scope check, resource table and channels.
#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <set>

#include "fs_test_support.hpp"
#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"

using namespace warden::plugin;
using warden::fs_test::Tree;
namespace json = boost::json;

namespace {

struct Sink : ChannelSink {
  std::shared_ptr<std::vector<std::string>> messages;
  std::shared_ptr<std::mutex> mutex;
  void send(std::string m) override {
    std::lock_guard l(*mutex);
    messages->push_back(std::move(m));
  }
  void close() override {}
};

class FsPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    HostOptions options;
    options.paths.app_identifier = "com.example.fs";
    std::string home = tree.root().string();
    options.paths.getenv = [home](const std::string& n) -> std::optional<std::string> {
      if (n == "HOME") return home;
      return std::nullopt;
    };
    env.resources = &table;
    env.open_channel = [this](std::string_view ref, const std::string&) -> std::unique_ptr<ChannelSink> {
      if (ref != "__CHANNEL__:1") return nullptr;
      auto s = std::make_unique<Sink>();
      s->messages = messages;
      s->mutex = messages_mutex;
      return s;
    };
    lib = PluginLibrary::load(WARDEN_FS_PLUGIN, "{}", options);
  }
  void TearDown() override {
    table.remove_plugin("fs");
    lib.reset();
  }

  CallResult call(const std::string& command, const json::value& args, std::optional<std::string> body = {}) {
    CallRequest r;
    r.command = command;
    r.args_json = json::serialize(args);
    r.body = std::move(body);
    r.scopes_json = scopes;
    r.caller.webview = "main";
    r.environment = &env;
    auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(20));
    if (!result) throw std::runtime_error(command + " did not complete");
    return *result;
  }
  json::value ok(const std::string& command, const json::value& args) {
    auto r = call(command, args);
    EXPECT_EQ(r.kind, CallResult::Kind::json) << command << ": " << r.error;
    return r.kind == CallResult::Kind::json ? json::parse(r.json) : json::value();
  }

  Tree tree;
  ResourceTable table;
  CallEnvironment env;
  std::shared_ptr<std::vector<std::string>> messages = std::make_shared<std::vector<std::string>>();
  std::shared_ptr<std::mutex> messages_mutex = std::make_shared<std::mutex>();
  std::string scopes = R"({"command": {"allow": [{"path": "$HOME/allowed/**"}], "deny": []},
                           "global": {"allow": [], "deny": [{"path": "$HOME/allowed/private/**"}]}})";
  std::unique_ptr<PluginLibrary> lib;
};

}  // namespace

TEST_F(FsPlugin, ManifestHasEveryCommandAndTheOfficialIdentifiers) {
  std::set<std::string> commands(lib->manifest().commands.begin(), lib->manifest().commands.end());
  for (const char* c : {"read_file", "read_text_file", "write_file", "write_text_file", "read_dir", "mkdir", "remove",
                        "rename", "copy_file", "truncate", "ftruncate", "exists", "size", "stat", "lstat", "fstat",
                        "open", "create", "read", "write", "seek", "read_text_file_lines",
                        "read_text_file_lines_next", "watch", "unwatch"})
    EXPECT_TRUE(commands.count(c)) << c;
  std::string all;
  for (const auto& f : lib->manifest().files) all += f.text;
  for (const char* id : {"read-all", "write-all", "read-files", "write-files", "read-dirs", "read-meta", "scope",
                         "deny-default", "deny-webview-data-linux", "create-app-specific-dirs",
                         "read-app-specific-dirs-recursive", "scope-app-recursive", "allow-app-read",
                         "allow-home-read-recursive", "scope-temp-recursive", "allow-download-meta",
                         "allow-applog-write-recursive", "allow-read-file", "deny-write-text-file"})
    EXPECT_NE(all.find("\"" + std::string(id) + "\""), std::string::npos) << id;
}

TEST_F(FsPlugin, PathCommandsGoThroughTheHostsScope) {
  tree.write("allowed/a.txt", "alpha");
  tree.write("allowed/private/key", "KEY");
  tree.write("outside/secret", "SECRET");
  auto read = call("read_file", json::object{{"path", tree.path("allowed/a.txt")}});
  ASSERT_EQ(read.kind, CallResult::Kind::bytes) << read.error;
  EXPECT_EQ(std::string(read.bytes.begin(), read.bytes.end()), "alpha");
  for (const char* denied : {"allowed/private/key", "outside/secret"}) {
    auto r = call("read_file", json::object{{"path", tree.path(denied)}});
    EXPECT_EQ(r.kind, CallResult::Kind::error) << denied;
    EXPECT_NE(r.error.find("forbidden path"), std::string::npos) << r.error;
  }
  // write_text_file as the package sends it: bytes in the body, path (percent-encoded) and
  // options (JSON text) as arguments.
  std::string text = "written through the body";
  auto w = call("write_text_file", json::object{{"path", "allowed%2Fbody.txt"}, {"options", R"({"baseDir":21})"}},
                text);
  EXPECT_EQ(w.kind, CallResult::Kind::json) << w.error;
  EXPECT_EQ(tree.read("allowed/body.txt"), text);
  auto denied = call("write_file", json::object{{"path", tree.path("outside/x")}}, std::string("\x01\x02", 2));
  EXPECT_EQ(denied.kind, CallResult::Kind::error);
  EXPECT_FALSE(std::filesystem::exists(tree.path("outside/x")));
  EXPECT_TRUE(ok("exists", json::object{{"path", "allowed/a.txt"}, {"options", {{"baseDir", 21}}}}).as_bool());
}

TEST_F(FsPlugin, OpenFilesAndLineReadersAreResources) {
  tree.write("allowed/lines.txt", "a\nb\n");
  auto rid = ok("open", json::object{{"path", tree.path("allowed/lines.txt")}}).to_number<std::uint32_t>();
  auto r = call("read", json::object{{"rid", rid}, {"len", 3}});
  ASSERT_EQ(r.kind, CallResult::Kind::bytes) << r.error;
  EXPECT_EQ(r.bytes.size(), 3u + 8u);
  EXPECT_EQ(ok("seek", json::object{{"rid", rid}, {"offset", 0}, {"whence", 0}}).to_number<int>(), 0);
  EXPECT_TRUE(ok("fstat", json::object{{"rid", rid}}).at("isFile").as_bool());
  // A resource of another type, or none, is refused with the argument named.
  auto lines = ok("read_text_file_lines", json::object{{"path", tree.path("allowed/lines.txt")}}).to_number<std::uint32_t>();
  auto wrong = call("read", json::object{{"rid", lines}, {"len", 1}});
  EXPECT_EQ(wrong.kind, CallResult::Kind::error);
  EXPECT_NE(wrong.error.find("argument 'rid'"), std::string::npos) << wrong.error;
  std::vector<std::string> got;
  for (int i = 0; i < 3; ++i) {
    auto next = call("read_text_file_lines_next", json::object{{"rid", lines}});
    ASSERT_EQ(next.kind, CallResult::Kind::bytes) << next.error;
    got.emplace_back(next.bytes.begin(), next.bytes.end());
  }
  EXPECT_EQ(got, (std::vector<std::string>{std::string("a\0", 2), std::string("b\0", 2), std::string("\1", 1)}));
  // At the end the reader is closed: its rid no longer exists.
  EXPECT_EQ(call("read_text_file_lines_next", json::object{{"rid", lines}}).kind, CallResult::Kind::error);
  EXPECT_TRUE(table.remove_any_plugin({"main", "app://localhost", 0}, rid));  // plugin:resources|close
  EXPECT_EQ(call("read", json::object{{"rid", rid}, {"len", 1}}).kind, CallResult::Kind::error);
}

TEST_F(FsPlugin, WatchStreamsEventsUntilUnwatched) {
  std::filesystem::create_directories(tree.path("allowed/w"));
  auto rid = ok("watch", json::object{{"paths", json::array{tree.path("allowed/w")}},
                                      {"options", json::object{{"recursive", false}}},
                                      {"onEvent", "__CHANNEL__:1"}})
                 .to_number<std::uint32_t>();
  EXPECT_GT(rid, 0u);
  tree.write("allowed/w/new.txt", "x");
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {  // bounded wait for inotify, not a timing assertion
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::lock_guard l(*messages_mutex);
    for (const auto& m : *messages) seen = seen || m.find("new.txt") != std::string::npos;
  }
  EXPECT_TRUE(seen);
  ok("unwatch", json::object{{"rid", rid}});
  EXPECT_EQ(call("unwatch", json::object{{"rid", rid}}).kind, CallResult::Kind::error);
  auto denied = call("watch", json::object{{"paths", json::array{tree.path("outside")}}, {"onEvent", "__CHANNEL__:1"}});
  EXPECT_EQ(denied.kind, CallResult::Kind::error);
  EXPECT_NE(denied.error.find("forbidden path"), std::string::npos);
}

TEST_F(FsPlugin, OpenOptionsAskTheHostForTheGrantOfTheirCommand) {
  tree.write("allowed/doc.txt", "DOCUMENT");
  std::filesystem::create_directories(tree.path("allowed/rw"));
  std::vector<std::string> asked;
  // The caller may write_file and truncate in allowed/rw only; create is not granted at all.
  env.command_scopes = [&asked](std::string_view command) -> std::optional<std::string> {
    asked.emplace_back(command);
    if (command == "write_file" || command == "truncate")
      return R"({"command": {"allow": [{"path": "$HOME/allowed/rw/**"}], "deny": []}, "global": null})";
    return std::nullopt;
  };
  auto refused = call("open", json::object{{"path", tree.path("allowed/doc.txt")},
                                           {"options", {{"write", true}, {"truncate", true}}}});
  EXPECT_EQ(refused.kind, CallResult::Kind::error);
  EXPECT_EQ(tree.read("allowed/doc.txt"), "DOCUMENT");
  EXPECT_EQ(asked.front(), "write_file");
  auto created = call("open", json::object{{"path", tree.path("allowed/rw/new.txt")},
                                           {"options", {{"write", true}, {"create", true}}}});
  EXPECT_EQ(created.kind, CallResult::Kind::error);
  EXPECT_FALSE(std::filesystem::exists(tree.path("allowed/rw/new.txt")));
  tree.write("allowed/rw/w.txt", "0123456789");
  auto rid = ok("open", json::object{{"path", tree.path("allowed/rw/w.txt")},
                                     {"options", {{"write", true}, {"truncate", true}}}}).to_number<std::uint32_t>();
  EXPECT_EQ(ok("write", json::object{{"rid", rid}, {"data", json::array{65, 66}}}).to_number<int>(), 2);
  EXPECT_EQ(tree.read("allowed/rw/w.txt"), "AB");
  // A handle opened for reading takes no write, whatever the caller may write elsewhere.
  auto reader = ok("open", json::object{{"path", tree.path("allowed/doc.txt")}}).to_number<std::uint32_t>();
  EXPECT_EQ(call("write", json::object{{"rid", reader}, {"data", json::array{88}}}).kind, CallResult::Kind::error);
  EXPECT_EQ(call("ftruncate", json::object{{"rid", reader}, {"len", 0}}).kind, CallResult::Kind::error);
  EXPECT_EQ(tree.read("allowed/doc.txt"), "DOCUMENT");
  // A host without the service: reading only.
  env.command_scopes = nullptr;
  EXPECT_EQ(call("open", json::object{{"path", tree.path("allowed/rw/w.txt")}, {"options", {{"append", true}}}}).kind,
            CallResult::Kind::error);
}
