#include <gtest/gtest.h>

#include "acl/app_config.hpp"
#include "acl/resolver.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using warden::acl::test::TempDir;

namespace {

void write_app(const TempDir& app, const std::string& conf) {
  app.write("warden.conf.json", conf);
  app.write("capabilities/main.json", R"({"identifier": "main", "windows": ["main"], "permissions": ["ping:allow-ping", "allow-hello"]})");
  app.write("capabilities/more/extra.toml", "identifier = \"extra\"\nwindows = [\"*\"]\npermissions = [\"ping:allow-ping\"]\n");
  app.write("permissions/hello.toml", "[[permission]]\nidentifier = \"allow-hello\"\ncommands.allow = [\"hello\"]\n");
  app.write("plugins/ping/permissions/ping.toml", "[[permission]]\nidentifier = \"allow-ping\"\ncommands.allow = [\"ping\"]\n");
  app.write("plugins/ping/permissions/schemas/schema.json", "{ not a permission file");
}

}  // namespace

TEST(AppFolder, AllCapabilityFilesWhenTheConfigListsNone) {
  TempDir app;
  write_app(app, R"({"identifier": "com.example", "plugins": {"ping": {"path": "plugins/ping"}}})");
  auto inputs = load_app_folder(app.path);
  ASSERT_EQ(inputs.capabilities.size(), 2u);
  ASSERT_EQ(inputs.manifests.size(), 2u);  // the app's own permissions and ping
  ManifestSet set(std::move(inputs.manifests));
  auto acl = resolve_acl(set, inputs.capabilities, Target::linux);
  EXPECT_TRUE(acl->find("hello"));  // app commands have no prefix
  EXPECT_TRUE(acl->find("plugin:ping|ping"));
}

TEST(AppFolder, ListedCapabilitiesEnableOnlyThoseAndInlineOnes) {
  TempDir app;
  write_app(app, R"({
  "app": {"security": {"capabilities": [
    "extra",
    {"identifier": "inline", "windows": ["w"], "permissions": ["allow-hello"]}
  ]}},
  "plugins": {"ping": {"path": "plugins/ping"}}
})");
  auto inputs = load_app_folder(app.path);
  std::vector<std::string> ids;
  for (const auto& c : inputs.capabilities) ids.push_back(c.identifier);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"extra", "inline"}));
}

TEST(AppFolder, UnknownCapabilityReferenceNamesTheClosest) {
  TempDir app;
  write_app(app, R"({"app": {"security": {"capabilities": ["extr"]}}, "plugins": {"ping": {"path": "plugins/ping"}}})");
  try {
    load_app_folder(app.path);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unknown_capability);
    EXPECT_EQ(e.where().field, "app.security.capabilities[0]");
    // The message's feature: it names the capability that was probably meant.
    EXPECT_NE(e.detail().find("'extra'"), std::string::npos) << e.what();
  }
}

TEST(AppFolder, BadInlineCapabilityNamesTheConfigLine) {
  TempDir app;
  write_app(app, "{\"app\": {\"security\": {\"capabilities\": [\n{\"identifier\": \"x\", \"permissions\": [7]}]}}}");
  try {
    load_app_folder(app.path);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::wrong_type);
    EXPECT_NE(e.where().file.find("warden.conf.json"), std::string::npos);
    EXPECT_EQ(e.where().field, "app.security.capabilities[0].permissions[0]");
    EXPECT_EQ(e.where().line, 2);
  }
}
