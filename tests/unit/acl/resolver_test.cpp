#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "acl/resolver.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using namespace warden::acl::test;
namespace json = boost::json;

namespace {

// Order-free form: lists in the resolved ACL carry no order.
json::value canon(const json::value& v) {
  if (v.is_object()) {
    json::object out;
    std::vector<std::string> keys;
    for (const auto& m : v.get_object()) keys.emplace_back(m.key());
    std::sort(keys.begin(), keys.end());
    for (const auto& k : keys) out[k] = canon(v.get_object().at(k));
    return out;
  }
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const auto& x : v.get_array()) items.push_back(json::serialize(canon(x)));
    std::sort(items.begin(), items.end());
    json::array out;
    for (const auto& s : items) out.push_back(json::parse(s));
    return out;
  }
  return v;
}

std::string text(const std::filesystem::path& p) { return read_text_file(p); }

const char* kFs = R"(
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
[[permission]]
identifier = "allow-write"
commands.allow = ["write"]
[[permission]]
identifier = "deny-write"
commands.deny = ["write"]
[[permission]]
identifier = "scope-home"
scope.allow = [{ path = "$HOME/**" }]
scope.deny = [{ path = "$HOME/.ssh/**" }]
[[permission]]
identifier = "allow-read-linux"
platforms = ["linux"]
commands.allow = ["read_linux"]
[[set]]
identifier = "read-home"
description = "read, in $HOME"
permissions = ["allow-read", "scope-home"]
[default]
permissions = ["allow-read"]
)";

Error resolve_error(std::vector<PluginManifest> manifests, const std::string& caps) {
  return warden::acl::test::thrown_error([&] { resolve(std::move(manifests), caps); });
}

}  // namespace

// Tauri's fixtures, resolved in-process and compared with the expected JSON.
TEST(Resolver, ConformanceCases) {
  const std::pair<const char*, Target> targets[] = {{"linux", Target::linux}, {"macOS", Target::macos}, {"windows", Target::windows}};
  int checked = 0;
  for (const auto& dir : std::filesystem::directory_iterator(kConformance / "capabilities")) {
    std::string name = dir.path().filename().string();
    std::vector<PluginManifest> manifests;
    json::value required = json::parse(text(dir.path() / "required-plugins.json"));
    for (const auto& p : required.as_array()) {
      std::string plugin(p.as_string());
      manifests.push_back(load_manifest_folder(plugin, kConformance / "plugins" / plugin));
    }
    ManifestSet set(std::move(manifests));
    std::vector<Capability> caps;
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir.path()))
      if (f.path().filename().string().starts_with("cap")) files.push_back(f.path());
    for (const auto& f : files)
      for (auto& c : load_capability_file(f)) caps.push_back(std::move(c));
    std::vector<std::pair<std::filesystem::path, Target>> runs;
    if (auto plain = kConformance / "expected" / (name + ".json"); std::filesystem::exists(plain)) runs.push_back({plain, Target::linux});
    for (const auto& [suffix, target] : targets)
      if (auto f = kConformance / "expected" / (name + "." + suffix + ".json"); std::filesystem::exists(f)) runs.push_back({f, target});
    for (const auto& [expected_file, target] : runs) {
      auto got = to_json(*resolve_acl(set, caps, target));
      auto want = json::parse(text(expected_file)).as_object();
      for (const char* key : {"allowed_commands", "denied_commands", "global_scope"})
        EXPECT_EQ(json::serialize(canon(got.at(key))), json::serialize(canon(want.at(key))))
            << name << " [" << platform_name(target) << "] " << key;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 10);
}

TEST(Resolver, SetGrantKeepsScopeWithItsCommands) {
  auto acl = resolve({manifest("fs", {kFs})}, R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:read-home"]})");
  const auto* read = acl->find("plugin:fs|read");
  ASSERT_TRUE(read);
  ASSERT_EQ(read->allowed.size(), 1u);
  ASSERT_TRUE(read->allowed[0].scope);
  EXPECT_EQ(read->allowed[0].scope->allow.size(), 1u);
  EXPECT_EQ(read->allowed[0].scope->deny.size(), 1u);
  EXPECT_EQ(acl->global_scopes.count("fs"), 0u);  // not widened to a plugin-wide scope
}

// fs:default's shape: a set of sets, each with its commands and its scope, plus a scope-only
// deny reaching no command. Each set's scope stays with that set's commands (mkdir must not
// inherit the recursive read scope: a page would create folders anywhere below the app's
// folders); the deny scopes every command of the entry.
TEST(Resolver, NestedSetsKeepEachScopeWithTheirOwnCommands) {
  const char* nested = R"(
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
[[permission]]
identifier = "allow-mkdir"
commands.allow = ["mkdir"]
[[permission]]
identifier = "scope-app"
scope.allow = [{ path = "$APPDATA" }]
[[permission]]
identifier = "scope-app-recursive"
scope.allow = [{ path = "$APPDATA/**" }]
[[permission]]
identifier = "deny-secret"
scope.deny = [{ path = "$APPDATA/secret/**" }]
[[set]]
identifier = "create-app"
description = "mkdir of the folder itself"
permissions = ["allow-mkdir", "scope-app"]
[[set]]
identifier = "read-app"
description = "read below it"
permissions = ["allow-read", "scope-app-recursive"]
[[set]]
identifier = "deny-default"
description = "a deny"
permissions = ["deny-secret"]
[default]
permissions = ["create-app", "read-app", "deny-default"]
)";
  auto acl = resolve({manifest("fs", {nested})}, R"({"identifier": "c", "windows": ["m"], "permissions": ["fs:default"]})");
  auto paths = [](const std::vector<boost::json::value>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.emplace_back(e.at("path").as_string());
    return out;
  };
  const auto* mkdir = acl->find("plugin:fs|mkdir");
  const auto* read = acl->find("plugin:fs|read");
  ASSERT_TRUE(mkdir && read);
  ASSERT_EQ(mkdir->allowed.size(), 1u);
  ASSERT_EQ(read->allowed.size(), 1u);
  EXPECT_EQ(paths(mkdir->allowed[0].scope->allow), std::vector<std::string>{"$APPDATA"});
  EXPECT_EQ(paths(mkdir->allowed[0].scope->deny), std::vector<std::string>{"$APPDATA/secret/**"});
  EXPECT_EQ(paths(read->allowed[0].scope->allow), std::vector<std::string>{"$APPDATA/**"});
  EXPECT_EQ(paths(read->allowed[0].scope->deny), std::vector<std::string>{"$APPDATA/secret/**"});
  EXPECT_EQ(acl->global_scopes.count("fs"), 0u);
}

// Warden's fs:default lists permissions that carry commands and a scope each: each scope stays
// with its own permission's commands, and a scope-only deny beside them scopes them all.
TEST(Resolver, APermissionsOwnScopeStaysWithItsOwnCommands) {
  const char* fs = R"(
[[permission]]
identifier = "create-app"
commands.allow = ["mkdir"]
scope.allow = [{ path = "$APPDATA" }]
[[permission]]
identifier = "read-app"
commands.allow = ["read", "exists"]
scope.allow = [{ path = "$APPDATA/**" }]
[[permission]]
identifier = "deny-secret"
scope.deny = [{ path = "$APPDATA/secret/**" }]
[default]
permissions = ["create-app", "read-app", "deny-secret"]
)";
  auto acl = resolve({manifest("fs", {fs})}, R"({"identifier": "c", "windows": ["m"], "permissions": ["fs:default"]})");
  auto allow_of = [&](const char* command) {
    std::vector<std::string> out;
    for (const auto& e : acl->find(command)->allowed.at(0).scope->allow) out.emplace_back(e.at("path").as_string());
    return out;
  };
  EXPECT_EQ(allow_of("plugin:fs|mkdir"), std::vector<std::string>{"$APPDATA"});
  EXPECT_EQ(allow_of("plugin:fs|read"), std::vector<std::string>{"$APPDATA/**"});
  EXPECT_EQ(allow_of("plugin:fs|exists"), std::vector<std::string>{"$APPDATA/**"});
  EXPECT_EQ(acl->find("plugin:fs|mkdir")->allowed.at(0).scope->deny.size(), 1u);
  EXPECT_EQ(acl->find("plugin:fs|read")->allowed.at(0).scope->deny.size(), 1u);
}

TEST(Resolver, ScopeOnlyPermissionGoesToGlobalScope) {
  auto acl = resolve({manifest("fs", {kFs})},
                     R"({"identifier": "c", "windows": ["main"], "permissions": [{"identifier": "fs:scope-home", "allow": [{"path": "$DOC"}]}]})");
  ASSERT_EQ(acl->global_scopes.at("fs").size(), 1u);
  EXPECT_EQ(acl->global_scopes.at("fs")[0].scope.allow.size(), 2u);
  EXPECT_TRUE(acl->commands.empty());
}

TEST(Resolver, RemoteContextsMakeOneEntryEach) {
  auto acl = resolve({manifest("fs", {kFs})}, R"({"identifier": "c", "windows": ["main"], "permissions": ["fs:allow-read"],
      "remote": {"urls": ["https://a.example", "https://b.example"]}})");
  const auto& allowed = acl->find("plugin:fs|read")->allowed;
  ASSERT_EQ(allowed.size(), 3u);  // local + two remote
  EXPECT_EQ(allowed[0].context, kLocalContext);
  EXPECT_EQ(allowed[2].context, 1);
}

TEST(Resolver, PlatformsFilterPermissionsAndCapabilities) {
  auto linux_acl = resolve({manifest("fs", {kFs})}, R"({"identifier": "c", "windows": ["m"], "permissions": ["fs:allow-read-linux"]})");
  EXPECT_TRUE(linux_acl->find("plugin:fs|read_linux"));
  auto mac_acl = resolve({manifest("fs", {kFs})}, R"({"identifier": "c", "windows": ["m"], "permissions": ["fs:allow-read-linux"]})",
                         Target::macos);
  EXPECT_FALSE(mac_acl->find("plugin:fs|read_linux"));
  EXPECT_EQ(mac_acl->global_scopes.at("fs").size(), 1u);  // reached but inactive: empty global entry
  EXPECT_TRUE(mac_acl->global_scopes.at("fs")[0].scope.empty());
  auto ios_only = resolve({manifest("fs", {kFs})},
                          R"({"identifier": "c", "windows": ["m"], "platforms": ["iOS"], "permissions": ["fs:allow-read"]})");
  EXPECT_TRUE(ios_only->capabilities.empty());
  EXPECT_FALSE(ios_only->find("plugin:fs|read"));
}

TEST(Resolver, DefaultSet) {
  auto acl = resolve({manifest("fs", {kFs})}, R"({"identifier": "c", "windows": ["m"], "permissions": ["fs:default"]})");
  EXPECT_TRUE(acl->find("plugin:fs|read"));
  EXPECT_FALSE(acl->find("plugin:fs|write"));
}

TEST(Resolver, SetsMayReferenceOtherPlugins) {
  auto dialog = manifest("dialog", {R"(
[[permission]]
identifier = "allow-open"
commands.allow = ["open"]
[default]
permissions = ["allow-open", "fs:read-home", "fs:default"]
)"});
  auto acl = resolve({manifest("fs", {kFs}), std::move(dialog)},
                     R"({"identifier": "c", "windows": ["m"], "permissions": ["dialog:default"]})");
  EXPECT_TRUE(acl->find("plugin:dialog|open"));
  const auto* read = acl->find("plugin:fs|read");
  ASSERT_TRUE(read);
  ASSERT_EQ(read->allowed.size(), 1u);  // the fs grant of this entry: one, scoped
  ASSERT_TRUE(read->allowed[0].scope);
  EXPECT_FALSE(read->allowed[0].scope->allow.empty());
  EXPECT_EQ(read->plugin, "fs");
  EXPECT_EQ(read->allowed[0].entry, "dialog:default");
}

TEST(Resolver, UnknownIdentifierNamesTheClosest) {
  auto e = resolve_error({manifest("fs", {kFs})},
                         "{\"identifier\": \"c\",\n \"windows\": [\"m\"],\n \"permissions\": [\"fs:allow-raed\"]}");
  EXPECT_EQ(e.where().file, "caps.json");
  EXPECT_EQ(e.where().line, 3);
  EXPECT_EQ(e.where().field, "permissions[0]");
  EXPECT_EQ(e.kind(), ErrorKind::unknown_permission);
  // The message's feature: it names the permission that was probably meant.
  EXPECT_NE(e.detail().find("'fs:allow-read'"), std::string::npos) << e.what();
}

TEST(Resolver, UnknownPluginAndUnknownAppPermission) {
  auto e = resolve_error({manifest("fs", {kFs})}, R"({"identifier": "c", "permissions": ["fz:allow-read"]})");
  EXPECT_EQ(e.kind(), ErrorKind::unknown_plugin);
  EXPECT_EQ(e.where().field, "permissions[0]");
  // No prefix names an app permission; an app that defines none has no such permission.
  auto app = resolve_error({manifest("fs", {kFs})}, R"({"identifier": "c", "permissions": ["allow-read"]})");
  EXPECT_EQ(app.kind(), ErrorKind::unknown_permission);
}

// The app's own permissions sit in the manifest set under the name "": never listed as a plugin.
TEST(Resolver, UnknownPluginListsOnlyRealPlugins) {
  auto none = resolve_error({manifest("", {"[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n"})},
                            R"({"identifier": "c", "permissions": ["qqqqqq:allow-read"]})");
  EXPECT_EQ(none.kind(), ErrorKind::unknown_plugin);
  // The message's feature: the plugins it lists are real ones.
  EXPECT_NE(none.detail().find("no plugins are loaded"), std::string::npos) << none.what();
  EXPECT_EQ(none.detail().find("''"), std::string::npos) << none.what();
  auto some = resolve_error({manifest("", {"[[permission]]\nidentifier = \"allow-greet\"\ncommands.allow = [\"greet\"]\n"}),
                             manifest("fs", {kFs})},
                            R"({"identifier": "c", "permissions": ["qqqqqq:allow-read"]})");
  EXPECT_NE(some.detail().find("loaded plugins: 'fs'"), std::string::npos) << some.what();
  EXPECT_EQ(some.detail().find("''"), std::string::npos) << some.what();
}

TEST(Resolver, UnknownSetMemberNamesSetMissingAndClosest) {
  auto e = resolve_error({manifest("p", {"[[permission]]\nidentifier = \"allow-move\"\ncommands.allow = [\"m\"]\n"
                                         "[[set]]\nidentifier = \"s\"\ndescription = \"\"\npermissions = [\"move\"]\n"})},
                         R"({"identifier": "c", "permissions": ["p:s"]})");
  EXPECT_EQ(e.where().file, "p/file0.toml");
  EXPECT_EQ(e.where().line, 4);
  EXPECT_EQ(e.kind(), ErrorKind::unknown_set_member);
  // The message's feature: the set, the missing member and the closest real one.
  EXPECT_NE(e.detail().find("'p:s'"), std::string::npos) << e.what();
  EXPECT_NE(e.detail().find("'move'"), std::string::npos);
  EXPECT_NE(e.detail().find("'p:allow-move'"), std::string::npos);
}

TEST(Resolver, CyclesAmongSetsAreNamed) {
  auto a = manifest("a", {"[[set]]\nidentifier = \"x\"\ndescription = \"\"\npermissions = [\"b:y\"]\n"});
  auto b = manifest("b", {"[[set]]\nidentifier = \"y\"\ndescription = \"\"\npermissions = [\"z\"]\n"
                          "[[set]]\nidentifier = \"z\"\ndescription = \"\"\npermissions = [\"a:x\"]\n"});
  auto e = resolve_error({std::move(a), std::move(b)}, R"({"identifier": "c", "permissions": ["a:x"]})");
  EXPECT_EQ(e.kind(), ErrorKind::set_cycle);
  // The message's feature: the cycle, set by set.
  EXPECT_NE(e.detail().find("a:x -> b:y -> b:z -> a:x"), std::string::npos) << e.what();
}

TEST(Resolver, SelfReferencingDefaultIsACycle) {
  auto e = resolve_error({manifest("p", {"[default]\npermissions = [\"default\"]\n"})},
                         R"({"identifier": "c", "permissions": ["p:default"]})");
  EXPECT_EQ(e.kind(), ErrorKind::set_cycle);
}

TEST(Resolver, DiamondIsNotACycle) {
  auto p = manifest("p", {"[[permission]]\nidentifier = \"allow-a\"\ncommands.allow = [\"a\"]\n"
                          "[[set]]\nidentifier = \"l\"\ndescription = \"\"\npermissions = [\"allow-a\"]\n"
                          "[[set]]\nidentifier = \"r\"\ndescription = \"\"\npermissions = [\"allow-a\"]\n"
                          "[[set]]\nidentifier = \"top\"\ndescription = \"\"\npermissions = [\"l\", \"r\"]\n"});
  auto acl = resolve({std::move(p)}, R"({"identifier": "c", "windows": ["m"], "permissions": ["p:top"]})");
  EXPECT_EQ(acl->find("plugin:p|a")->allowed.size(), 1u);  // reached twice, granted once
}

TEST(Resolver, DuplicateCapabilityIdentifiersAreAnError) {
  auto e = resolve_error({manifest("fs", {kFs})},
                         R"([{"identifier": "c", "permissions": []}, {"identifier": "c", "permissions": []}])");
  EXPECT_EQ(e.kind(), ErrorKind::duplicate_capability);
  EXPECT_EQ(e.where().field, "identifier");
}

TEST(Resolver, DuplicateIdentifiersAcrossFilesAreAnError) {
  try {
    ManifestSet set({manifest("fs", {kFs, "[[permission]]\nidentifier = \"allow-read\"\n"})});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::duplicate_identifier);
    EXPECT_EQ(e.where().file, "fs/file1.toml");
    // The message's feature: it names the file that defined the identifier first.
    EXPECT_NE(e.detail().find("fs/file0.toml"), std::string::npos);
  }
}

TEST(Resolver, CoreNamespaceCommandsDropTheCorePrefix) {
  auto acl = resolve({manifest("core:event", {"[[permission]]\nidentifier = \"allow-emit\"\ncommands.allow = [\"emit\"]\n"
                                               "[default]\npermissions = [\"allow-emit\"]\n"})},
                     R"({"identifier": "c", "windows": ["m"], "permissions": ["core:event:default"]})");
  EXPECT_TRUE(acl->find("plugin:event|emit"));
}

TEST(Resolver, ExpansionReportsThePathToEachPermission) {
  ManifestSet set({manifest("fs", {kFs})});
  PermissionEntry entry{"fs:read-home", {}, {}};
  auto expansion = expand_entry(set, entry, "c");
  ASSERT_EQ(expansion.permissions.size(), 2u);
  EXPECT_EQ(expansion.permissions[0].path, (std::vector<std::string>{"fs:read-home", "fs:allow-read"}));
}

TEST(Resolver, LookupIndexFindsEveryCommandAndNothingElse) {
  std::string toml;
  std::string perms;
  for (int i = 0; i < 2000; ++i) {
    toml += "[[permission]]\nidentifier = \"allow-c" + std::to_string(i) + "\"\ncommands.allow = [\"c" + std::to_string(i) + "\"]\n";
    perms += std::string(i ? "," : "") + "\"p:allow-c" + std::to_string(i) + "\"";
  }
  auto acl = resolve({manifest("p", {toml})}, R"({"identifier": "c", "windows": ["m"], "permissions": [)" + perms + "]}");
  for (int i = 0; i < 2000; ++i) {
    const auto* rules = acl->find("plugin:p|c" + std::to_string(i));
    ASSERT_TRUE(rules) << i;
    EXPECT_EQ(rules->allowed[0].via[0], "p:allow-c" + std::to_string(i));
  }
  EXPECT_FALSE(acl->find("plugin:p|c2000"));
  EXPECT_FALSE(acl->find("plugin:p|"));
  EXPECT_FALSE(acl->find(""));
}
