// `warden acl resolve` on apps whose capabilities name Tauri's core permissions, as a capability
// copied from a Tauri app does: every identifier of Tauri's current core reference
// (tests/data/tauri-api/core-permission-identifiers.txt) must resolve, and a misspelled one must
// stop the app naming the identifier meant.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using warden::test::run_warden;

namespace {

std::vector<std::string> reference_identifiers() {
  std::ifstream in(fs::path(WARDEN_TEST_DATA) / "tauri-api" / "core-permission-identifiers.txt");
  std::vector<std::string> ids;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) ids.push_back(line);
  return ids;
}

// An app folder with one capability for window "main" naming `permissions`.
class CapabilityApp {
  warden::test::TempDir dir_{"warden-core-permissions"};

 public:
  explicit CapabilityApp(const std::vector<std::string>& permissions) {
    json::array list;
    for (const auto& p : permissions) list.emplace_back(p);
    json::object capability{{"identifier", "every-core"}, {"windows", json::array{"main"}}, {"permissions", list}};
    dir_.write("app/capabilities/every-core.json", json::serialize(capability));
  }
  std::string path() const { return (dir_ / "app").string(); }
};

TEST(CorePermissionsCli, ResolveAcceptsEveryIdentifierOfTheCoreReference) {
  auto ids = reference_identifiers();
  ASSERT_EQ(ids.size(), 340u) << "tests/data/tauri-api/core-permission-identifiers.txt was not read whole";
  CapabilityApp app(ids);
  auto r = run_warden({"acl", "resolve", "--app", app.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Both allow- and deny- of a command are named, so deny wins: each command is denied, which
  // shows every deny- permission reached its command too.
  json::value resolved = json::parse(r.out);
  const auto& denied = resolved.at("denied_commands").as_object();
  for (const char* command : {"plugin:window|start_dragging", "plugin:app|exit", "plugin:menu|popup",
                              "plugin:tray|set_icon_with_as_template", "plugin:webview|create_webview_window"})
    EXPECT_TRUE(denied.contains(command)) << command << " is not denied in " << r.out.substr(0, 2000);
}

TEST(CorePermissionsCli, ResolveGrantsTheCommandsOfCoreDefaultOnly) {
  CapabilityApp app({"core:default", "core:window:allow-start-dragging"});
  auto r = run_warden({"acl", "resolve", "--app", app.path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json::value resolved = json::parse(r.out);
  const auto& allowed = resolved.at("allowed_commands").as_object();
  for (const char* command : {"plugin:window|inner_size", "plugin:webview|get_all_webviews", "plugin:app|bundle_type",
                              "plugin:menu|new", "plugin:tray|new", "plugin:window|start_dragging"})
    EXPECT_TRUE(allowed.contains(command)) << command << " missing";
  for (const char* command : {"plugin:window|close", "plugin:window|set_position", "plugin:app|exit",
                              "plugin:webview|create_webview_window"})
    EXPECT_FALSE(allowed.contains(command)) << command << " must not come with core:default";
}

TEST(CorePermissionsCli, AMisspelledCoreIdentifierFailsNamingTheClosest) {
  CapabilityApp app({"core:default", "core:window:allow-start-draging"});
  auto r = run_warden({"acl", "resolve", "--app", app.path()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("core:window:allow-start-draging"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("core:window:allow-start-dragging"), std::string::npos) << r.err;
}

}  // namespace
