// The permission files of the 26 official Tauri plugins: a real-world corpus.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "acl/platforms.hpp"
#include "acl/resolver.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using namespace warden::acl::test;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpus_plugins() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.is_directory()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

ManifestSet corpus_manifests() {
  std::vector<PluginManifest> manifests;
  for (const auto& name : corpus_plugins()) manifests.push_back(load_manifest_folder(name, kCorpus / name / "permissions"));
  return ManifestSet(std::move(manifests));
}

Capability granting(const std::vector<std::string>& ids) {
  Capability cap;
  cap.identifier = "everything";
  cap.windows = {"*"};
  cap.where = {"<test>", std::nullopt, ""};
  for (const auto& id : ids) cap.permissions.push_back({id, {}, {"<test>", std::nullopt, "permissions"}});
  return cap;
}

}  // namespace

TEST(Corpus, EveryFileParses) {
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(kCorpus)) {
    if (!e.is_regular_file() || !format_of(e.path())) continue;
    EXPECT_NO_THROW(load_permission_file(e.path())) << e.path();
    ++files;
  }
  EXPECT_EQ(files, 207u);
  EXPECT_EQ(corpus_plugins().size(), 26u);
}

TEST(Corpus, ToJsonRoundTripsEveryFile) {
  for (const auto& e : fs::recursive_directory_iterator(kCorpus)) {
    if (!e.is_regular_file() || !format_of(e.path())) continue;
    auto file = load_permission_file(e.path());
    auto text = boost::json::serialize(to_json(file));
    // The JSON form re-parses as a permission file with the same content.
    boost::json::object obj = to_json(file);
    boost::json::object again;
    if (!obj.at("default").is_null()) again["default"] = obj.at("default");
    again["permission"] = obj.at("permissions");
    again["set"] = obj.at("sets");
    for (auto& p : again["permission"].as_array())
      if (p.as_object().at("platforms").is_null()) p.as_object().erase("platforms");
    for (auto& p : again["permission"].as_array())
      if (p.as_object().at("description").is_null()) p.as_object().erase("description");
    if (again.contains("default") && again["default"].as_object().at("description").is_null())
      again["default"].as_object().erase("description");
    auto reparsed = parse_permission_file(boost::json::serialize(again), FileFormat::json, "again.json");
    EXPECT_EQ(boost::json::serialize(to_json(reparsed)), text) << e.path();
  }
}

TEST(Corpus, EveryDefaultResolvesExceptPositioner) {
  ManifestSet manifests = corpus_manifests();
  std::vector<std::string> defaults;
  for (const auto& name : corpus_plugins())
    if (name != "positioner") defaults.push_back(name + ":default");
  auto acl = resolve_acl(manifests, {granting(defaults)}, Target::linux);
  EXPECT_TRUE(acl->find("plugin:fs|read_dir"));
  EXPECT_TRUE(acl->find("plugin:dialog|open"));
  // Every command an active permission of a default allows is allowed, scoped to "*".
  std::size_t commands = 0;
  for (const auto& id : defaults) {
    PermissionEntry entry{id, {}, {"<test>", std::nullopt, ""}};
    for (const auto& reached : expand_entry(manifests, entry, "everything").permissions) {
      if (reached.permission->platforms && !active_on(reached.permission->platforms, Target::linux)) continue;
      for (const auto& c : reached.permission->commands_allow) {
        const auto* rules = acl->find(command_key(reached.plugin, c));
        ASSERT_TRUE(rules) << id << " -> " << c;
        EXPECT_FALSE(rules->allowed.empty());
        ++commands;
      }
    }
  }
  EXPECT_GT(commands, 0u);
  // Each default resolves on its own too, on every target.
  for (auto target : {Target::linux, Target::macos, Target::windows, Target::android, Target::ios})
    for (const auto& id : defaults) EXPECT_NO_THROW(resolve_acl(manifests, {granting({id})}, target)) << id;
}

TEST(Corpus, PositionerDefaultFailsAtItsSet) {
  ManifestSet manifests = corpus_manifests();
  try {
    resolve_acl(manifests, {granting({"positioner:default"})}, Target::linux);
    FAIL() << "positioner:default must not resolve";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unknown_set_member) << e.what();
    EXPECT_EQ(e.where().field, "default.permissions");
    EXPECT_NE(e.where().file.find("positioner/permissions/default.toml"), std::string::npos);
    EXPECT_TRUE(e.where().line);
  }
}

TEST(Corpus, EveryPermissionAndSetResolvesAlone) {
  ManifestSet manifests = corpus_manifests();
  std::size_t resolved = 0;
  for (const auto& [name, plugin] : manifests.plugins()) {
    for (const auto& id : plugin.identifiers()) {
      if (name == "positioner" && id == "default") continue;
      EXPECT_NO_THROW(resolve_acl(manifests, {granting({plugin.qualified(id)})}, Target::linux)) << name << ":" << id;
      ++resolved;
    }
  }
  EXPECT_GT(resolved, 500u);
}

TEST(Corpus, DenyWebviewDataWarnsAboutItsDetachedScope) {
  auto file = load_permission_file(kCorpus / "fs" / "permissions" / "deny-webview-data.toml");
  EXPECT_EQ(file.warnings.size(), 1u);
}
