// The core permission table against what it must agree with: every core command the pinned
// @tauri-apps/api invokes (tests/data/tauri-api/core-commands.txt), every identifier of Tauri's
// current core reference and its default sets (core-permission-identifiers.txt,
// core-default-sets.json; PROVENANCE.md there). A capability copied from a Tauri app names these
// identifiers: one missing here is an app that does not start.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "acl/error.hpp"
#include "acl/manifest_set.hpp"
#include "acl/permission_file.hpp"
#include "acl/resolver.hpp"
#include "runtime/core_permissions.hpp"

namespace warden::runtime {
namespace {

// The data sits in the repository beside the tests, not in the build folder (tests/CMakeLists.txt:
// test data is read from the repository); this folder's target defines no data path, so it is
// found from this file's own path.
std::filesystem::path tauri_api_data() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "data" / "tauri-api";
}

std::string read_text(const std::string& name) {
  std::ifstream in(tauri_api_data() / name);
  EXPECT_TRUE(in) << "cannot read " << (tauri_api_data() / name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> read_lines(const std::string& name) {
  std::vector<std::string> lines;
  std::istringstream in(read_text(name));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  return lines;
}

std::vector<acl::PluginManifest> core_manifests() {
  std::vector<acl::PluginManifest> out;
  for (const auto& file : core_permission_files())
    out.push_back({file.plugin, "built-in " + file.plugin,
                   {acl::parse_permission_file(file.toml, acl::FileFormat::toml, "built-in " + file.plugin)}});
  return out;
}

const acl::Permission* find_permission(const acl::ManifestSet& set, const std::string& plugin, const std::string& id) {
  const auto* p = set.find(plugin);
  if (!p) return nullptr;
  auto it = p->permissions.find(id);
  return it == p->permissions.end() ? nullptr : it->second;
}

std::string dashed(std::string s) {
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

TEST(CorePermissions, ThePackagesCommandListIsTheOneExpected) {
  // 160 distinct core commands in @tauri-apps/api 2.12.5 (issue 16): a shorter list means the
  // file was cut, and every check below would pass on less than it should.
  EXPECT_EQ(read_lines("core-commands.txt").size(), 160u);
}

TEST(CorePermissions, EveryCommandThePackageInvokesHasAllowAndDeny) {
  acl::ManifestSet set(core_manifests());
  for (const auto& line : read_lines("core-commands.txt")) {
    auto bar = line.find('|');
    ASSERT_NE(bar, std::string::npos) << "core-commands.txt: '" << line << "' is not plugin|command";
    std::string plugin = "core:" + line.substr(0, bar), command = line.substr(bar + 1);
    const auto* allow = find_permission(set, plugin, "allow-" + dashed(command));
    const auto* deny = find_permission(set, plugin, "deny-" + dashed(command));
    ASSERT_TRUE(allow) << plugin << ":allow-" << dashed(command) << " is missing (the package invokes " << line << ")";
    ASSERT_TRUE(deny) << plugin << ":deny-" << dashed(command) << " is missing (the package invokes " << line << ")";
    EXPECT_EQ(allow->commands_allow, std::vector<std::string>{command}) << plugin << ":" << allow->identifier;
    EXPECT_TRUE(allow->commands_deny.empty()) << plugin << ":" << allow->identifier;
    EXPECT_EQ(deny->commands_deny, std::vector<std::string>{command}) << plugin << ":" << deny->identifier;
    EXPECT_TRUE(deny->commands_allow.empty()) << plugin << ":" << deny->identifier;
  }
}

TEST(CorePermissions, EveryReferenceIdentifierResolves) {
  acl::ManifestSet set(core_manifests());
  auto identifiers = read_lines("core-permission-identifiers.txt");
  EXPECT_EQ(identifiers.size(), 340u) << "Tauri 2.12: 165 commands x allow/deny, nine defaults, core:default";
  for (const auto& id : identifiers) {
    try {
      auto reached = acl::expand_entry(set, {id, {}, {}}, "every-core-identifier");
      EXPECT_FALSE(reached.permissions.empty()) << id << " grants nothing";
    } catch (const acl::Error& e) {
      ADD_FAILURE() << id << " does not resolve: " << e.what();
    }
  }
}

TEST(CorePermissions, DefinesNothingBeyondTheReference) {
  acl::ManifestSet set(core_manifests());
  auto listed = read_lines("core-permission-identifiers.txt");
  std::set<std::string> reference(listed.begin(), listed.end());
  for (const auto& [name, plugin] : set.plugins())
    for (const auto& id : plugin.identifiers())
      EXPECT_TRUE(reference.count(name + ":" + id)) << name << ":" << id << " is not in Tauri's core reference";
}

TEST(CorePermissions, DefaultSetsAreTheReferences) {
  auto expected = boost::json::parse(read_text("core-default-sets.json")).as_object();
  acl::ManifestSet set(core_manifests());
  ASSERT_EQ(expected.size(), set.plugins().size()) << "one default set per core plugin, and core:default";
  for (const auto& [key, value] : expected) {
    std::string plugin(key.substr(0, key.size() - std::string(":default").size()));
    const auto* defined = set.find(plugin);
    ASSERT_TRUE(defined && defined->default_set) << key << " is not defined";
    std::multiset<std::string> want;
    for (const auto& id : value.as_array()) want.insert(std::string(id.as_string()));
    std::multiset<std::string> got(defined->default_set->permissions.begin(), defined->default_set->permissions.end());
    EXPECT_EQ(got, want) << key;
  }
}

TEST(CorePermissions, CoreDefaultExpandsToTheNineDefaults) {
  acl::ManifestSet set(core_manifests());
  auto expected = boost::json::parse(read_text("core-default-sets.json")).as_object();
  std::set<std::string> want;
  for (const auto& [key, value] : expected) {
    if (key == "core:default") continue;
    std::string plugin(key.substr(0, key.size() - std::string(":default").size()));
    for (const auto& id : value.as_array()) want.insert(plugin + ":" + std::string(id.as_string()));
  }
  auto reached = acl::expand_entry(set, {"core:default", {}, {}}, "core-default");
  std::set<std::string> got;
  for (const auto& p : reached.permissions) got.insert(p.plugin + ":" + p.permission->identifier);
  EXPECT_EQ(got, want);
  std::set<std::string> plugins(reached.plugins.begin(), reached.plugins.end());
  EXPECT_EQ(plugins, (std::set<std::string>{"core", "core:app", "core:event", "core:image", "core:menu", "core:path",
                                            "core:resources", "core:tray", "core:webview", "core:window"}));
}

TEST(CorePermissions, EveryPermissionAndSetIsDescribed) {
  acl::ManifestSet set(core_manifests());
  for (const auto& [name, plugin] : set.plugins()) {
    ASSERT_TRUE(plugin.default_set) << name;
    EXPECT_FALSE(plugin.default_set->description.value_or("").empty()) << name << ":default has no description";
    for (const auto& [id, permission] : plugin.permissions)
      EXPECT_FALSE(permission->description.value_or("").empty()) << name << ":" << id << " has no description";
  }
}

TEST(CorePermissions, DescriptionsSayWhatTheyGrantAsTauriDoes) {
  acl::ManifestSet set(core_manifests());
  const auto* allow = find_permission(set, "core:window", "allow-start-dragging");
  const auto* deny = find_permission(set, "core:window", "deny-start-dragging");
  ASSERT_TRUE(allow && deny);
  EXPECT_EQ(allow->description.value_or(""), "Enables the start_dragging command without any pre-configured scope.");
  EXPECT_EQ(deny->description.value_or(""), "Denies the start_dragging command without any pre-configured scope.");
  EXPECT_EQ(set.find("core:app")->default_set->description.value_or(""), "Default permissions for the plugin.");
  EXPECT_EQ(set.find("core:event")->default_set->description.value_or(""),
            "Default permissions for the plugin, which enables all commands.");
}

TEST(CorePermissions, TheTableNamesEachCommandOncePerPlugin) {
  ASSERT_EQ(core_plugins().size(), 9u);
  for (const auto& plugin : core_plugins()) {
    std::set<std::string_view> seen;
    for (const auto& c : plugin.commands)
      EXPECT_TRUE(seen.insert(c.name).second) << plugin.name << " lists " << c.name << " twice";
  }
}

TEST(CorePermissions, ChangingAWindowIsNotInItsDefaultSet) {
  // A page holding only core:default may read its window, not move, hide, close or create one:
  // Tauri's split, which capabilities written for Tauri rely on.
  acl::ManifestSet set(core_manifests());
  auto reached = acl::expand_entry(set, {"core:default", {}, {}}, "core-default");
  std::set<std::string> got;
  for (const auto& p : reached.permissions) got.insert(p.plugin + ":" + p.permission->identifier);
  for (const char* id : {"core:window:allow-close", "core:window:allow-create", "core:window:allow-set-position",
                         "core:window:allow-start-dragging", "core:webview:allow-create-webview-window",
                         "core:app:allow-exit", "core:window:allow-set-fullscreen-on-monitor"})
    EXPECT_FALSE(got.count(id)) << id << " must not come with core:default";
  EXPECT_TRUE(got.count("core:window:allow-inner-size"));
}

}  // namespace
}  // namespace warden::runtime
