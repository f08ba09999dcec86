// Each kind of ACL error, raised by the input that causes it (the kinds the other tests do not
// already reach), and every kind has a distinct stable name (docs/acl.md lists them).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "acl/acl_inputs.hpp"
#include "acl/app_config.hpp"
#include "acl/authority.hpp"
#include "acl_test_support.hpp"
#include "thrown_kind.hpp"

using namespace warden::acl;
using namespace warden::acl::test;

namespace {

const char* kPing = "[[permission]]\nidentifier = \"allow-ping\"\ncommands.allow = [\"ping\"]\n";

}  // namespace

TEST(ErrorKind, EveryKindHasADistinctName) {
  std::set<std::string> names;
  for (int k = int(ErrorKind::syntax); k <= int(ErrorKind::not_editable); ++k) {
    std::string name(kind_name(ErrorKind(k)));
    EXPECT_NE(name, "unknown") << k;
    EXPECT_TRUE(names.insert(name).second) << name;
  }
}

TEST(ErrorKind, DuplicatePlugin) {
  EXPECT_EQ(thrown_kind([] { ManifestSet({manifest("ping", {kPing}), manifest("ping", {kPing})}); }),
            ErrorKind::duplicate_plugin);
}

TEST(ErrorKind, BadPluginNameInAManifest) {
  EXPECT_EQ(thrown_kind([] { ManifestSet({manifest("pi_ng", {kPing})}); }), ErrorKind::invalid_identifier);
}

TEST(ErrorKind, SetListingAPluginThatIsNotLoaded) {
  auto e = thrown_error([] {
    resolve({manifest("p", {"[[set]]\nidentifier = \"s\"\ndescription = \"\"\npermissions = [\"q:allow-x\"]\n"})},
            R"({"identifier": "c", "permissions": ["p:s"]})");
  });
  EXPECT_EQ(e.kind(), ErrorKind::unknown_plugin);
  EXPECT_EQ(e.where().field, "set 's'.permissions");
}

TEST(ErrorKind, PluginSpecOnTheCommandLine) {
  EXPECT_EQ(thrown_kind([] { parse_plugin_spec("ping"); }), ErrorKind::invalid_command_line);
  EXPECT_EQ(thrown_kind([] { parse_plugin_spec("=dir"); }), ErrorKind::invalid_command_line);
  EXPECT_EQ(thrown_kind([] { parse_plugin_spec("pi_ng=dir"); }), ErrorKind::invalid_identifier);
  EXPECT_EQ(thrown_kind([] { parse_plugin_spec("ping=dir"); }), std::nullopt);
}

TEST(ErrorKind, MissingPermissionFolder) {
  TempDir dir;
  EXPECT_EQ(thrown_kind([&] { load_plugin_manifest("ping", dir.path / "absent"); }), ErrorKind::missing_folder);
  EXPECT_EQ(thrown_kind([&] { load_manifest_folder("ping", dir.path / "absent"); }), ErrorKind::missing_folder);
  auto file = dir.write("lib.so", "not a folder");
  EXPECT_EQ(thrown_kind([&] { load_plugin_manifest("ping", file); }), ErrorKind::missing_folder);
}

TEST(ErrorKind, UnreadableAndUnsupportedFiles) {
  TempDir dir;
  EXPECT_EQ(thrown_kind([&] { load_permission_file(dir.path / "absent.toml"); }), ErrorKind::unreadable);
  auto yaml = dir.write("p.yaml", "x: 1");
  EXPECT_EQ(thrown_kind([&] { load_permission_file(yaml); }), ErrorKind::unsupported_file_type);
}

TEST(ErrorKind, ValuesOutOfRange) {
  EXPECT_EQ(thrown_kind([] { parse_permission_file("[[permission]]\nidentifier = \"a\"\nversion = 0\n", FileFormat::toml, "p.toml"); }),
            ErrorKind::invalid_value);
  EXPECT_EQ(thrown_kind([] { parse_permission_file("[[permission]]\nidentifier = \"a\"\ncommands.allow = [\"\"]\n", FileFormat::toml, "p.toml"); }),
            ErrorKind::invalid_value);
  EXPECT_EQ(thrown_kind([] { parse_app_config(R"({"plugins": {"ping": {"sha256": "abc"}}})", "warden.conf.json", "/app"); }),
            ErrorKind::invalid_value);
  EXPECT_EQ(thrown_kind([] { parse_app_config(R"({"plugins": {"pi_ng": {}}})", "warden.conf.json", "/app"); }),
            ErrorKind::invalid_identifier);
}

TEST(ErrorKind, ReservedDefaultAndEmptyCapabilityIdentifier) {
  EXPECT_EQ(thrown_kind([] { parse_permission_file("[[permission]]\nidentifier = \"default\"\n", FileFormat::toml, "p.toml"); }),
            ErrorKind::invalid_identifier);
  EXPECT_EQ(thrown_kind([] { capabilities(R"({"identifier": "", "permissions": []})"); }), ErrorKind::invalid_identifier);
}

TEST(ErrorKind, AFixedAuthorityIsNotEditable) {
  Authority fixed(resolve({manifest("ping", {kPing})}, R"({"identifier": "c", "windows": ["m"], "permissions": []})"));
  EXPECT_EQ(thrown_kind([&] { fixed.add_capability(capabilities(R"({"identifier": "d", "permissions": []})")[0]); }),
            ErrorKind::not_editable);
}
