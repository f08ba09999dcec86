// Finding Warden's web extension at start: the real built module is found and loads; a missing
// one and a file that is no library are startup errors naming what was looked for.
#include "webview/web_extension.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "webext/frame_calls.hpp"

using namespace warden::webview;
namespace fs = std::filesystem;

namespace {
fs::path temp_folder(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("warden-webext-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST(WebExtension, FoldersNextToTheBinaryThenInstalled) {
  auto folders = web_extension_folders("/opt/w/bin/warden", "../lib/warden/webext");
  ASSERT_EQ(folders.size(), 2u);
  EXPECT_EQ(folders[0], fs::path("/opt/w/bin/webext"));
  EXPECT_EQ(folders[1], fs::path("/opt/w/lib/warden/webext"));
}

TEST(WebExtension, BuiltModuleIsFoundAndLoads) {
  fs::path built = fs::path(WARDEN_TEST_WEBEXT_FILE).parent_path();
  auto found = find_web_extension({temp_folder("empty"), built});
  ASSERT_TRUE(std::holds_alternative<fs::path>(found)) << std::get<WebExtensionError>(found).message;
  EXPECT_EQ(std::get<fs::path>(found), built);
}

TEST(WebExtension, MissingIsAnErrorNamingEveryPlace) {
  fs::path a = temp_folder("a"), b = temp_folder("b");
  auto found = find_web_extension({a, b});
  ASSERT_TRUE(std::holds_alternative<WebExtensionError>(found));
  const std::string& message = std::get<WebExtensionError>(found).message;
  EXPECT_NE(message.find((a / "libwarden-webext.so").string()), std::string::npos) << message;
  EXPECT_NE(message.find((b / "libwarden-webext.so").string()), std::string::npos) << message;
  EXPECT_NE(message.find("missing"), std::string::npos) << message;
}

TEST(WebExtension, UnloadableIsAnErrorNotASkip) {
  fs::path bad = temp_folder("bad"), built = fs::path(WARDEN_TEST_WEBEXT_FILE).parent_path();
  std::ofstream(bad / "libwarden-webext.so") << "not a library";
  auto found = find_web_extension({bad, built});  // the good one later must not be taken instead
  ASSERT_TRUE(std::holds_alternative<WebExtensionError>(found));
  EXPECT_NE(std::get<WebExtensionError>(found).message.find("does not load"), std::string::npos);
}

// The extension's per-frame bookkeeping: functions of an older window are stale; the frame's
// limit refuses and counts, and the count rides on the next admitted call.
TEST(FrameCalls, GenerationsAndLimit) {
  warden::webext::FrameCalls calls(2);
  uint64_t first = calls.new_window(7);
  EXPECT_TRUE(calls.current(7, first));
  uint64_t second = calls.new_window(7);
  EXPECT_FALSE(calls.current(7, first));
  EXPECT_TRUE(calls.current(7, second));
  EXPECT_FALSE(calls.current(8, 1));
  uint64_t reported = 99;
  EXPECT_TRUE(calls.admit(7, reported));
  EXPECT_EQ(reported, 0u);
  EXPECT_TRUE(calls.admit(7, reported));
  EXPECT_FALSE(calls.admit(7, reported));
  EXPECT_FALSE(calls.admit(7, reported));
  EXPECT_TRUE(calls.admit(8, reported));  // another frame has its own limit
  calls.settle(7);
  EXPECT_TRUE(calls.admit(7, reported));
  EXPECT_EQ(reported, 2u);
}
