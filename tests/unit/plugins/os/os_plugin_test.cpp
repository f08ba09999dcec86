// The real libos.so loaded by the host's loader: its init script reaches the host, its commands
// answer with this system's values.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

#include <boost/json.hpp>

#include "os_info.hpp"
#include "plugin/plugin_library.hpp"

using namespace warden::plugin;

namespace {
std::string text(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : "<" + boost::json::serialize(v) + ">";
}
boost::json::value call(PluginLibrary& lib, const std::string& command) {
  CallRequest r;
  r.command = command;
  auto result = lib.invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  if (!result) {
    ADD_FAILURE() << command << " did not complete";
    return nullptr;
  }
  EXPECT_EQ(result->kind, CallResult::Kind::json) << result->error;
  return boost::json::parse(result->json);
}
}  // namespace

TEST(OsPlugin, CommandsAnswerWithThisSystem) {
  auto lib = PluginLibrary::load(WARDEN_OS_PLUGIN);
  EXPECT_EQ(lib->name(), "os");
  EXPECT_EQ(text(call(*lib, "platform")), "linux");
  EXPECT_EQ(text(call(*lib, "os_type")), "linux");
  EXPECT_EQ(text(call(*lib, "family")), "unix");
  EXPECT_EQ(text(call(*lib, "arch")), std::string(warden::os_plugin::arch()));
  EXPECT_EQ(text(call(*lib, "exe_extension")), "");
  EXPECT_EQ(text(call(*lib, "version")), warden::os_plugin::version());
  char host[256] = {0};
  ASSERT_EQ(::gethostname(host, sizeof host - 1), 0);
  EXPECT_EQ(text(call(*lib, "hostname")), std::string(host));
  auto expected_locale = warden::os_plugin::locale();
  auto locale = call(*lib, "locale");
  if (expected_locale) EXPECT_EQ(text(locale), *expected_locale);
  else EXPECT_TRUE(locale.is_null());
}

TEST(OsPlugin, InitScriptReachesTheHost) {
  auto lib = PluginLibrary::load(WARDEN_OS_PLUGIN);
  EXPECT_EQ(lib->init_script(), warden::os_plugin::init_script(warden::os_plugin::version()));
  EXPECT_NE(lib->init_script().find("__TAURI_OS_PLUGIN_INTERNALS__"), std::string::npos);
}

TEST(OsPlugin, ManifestHasEveryCommandAndTheDefaultSet) {
  auto lib = PluginLibrary::load(WARDEN_OS_PLUGIN);
  std::vector<std::string> commands = lib->manifest().commands;
  std::sort(commands.begin(), commands.end());
  EXPECT_EQ(commands, (std::vector<std::string>{"arch", "exe_extension", "family", "hostname", "locale", "os_type",
                                                "platform", "version"}));
}
