#pragma once
// Small builders for ACL unit tests: manifests and capabilities from inline text.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "acl/authority.hpp"
#include "acl/capability.hpp"
#include "acl/manifest_set.hpp"
#include "acl/resolver.hpp"
#include "temp_dir.hpp"

namespace warden::acl::test {

inline PluginManifest manifest(std::string plugin, const std::vector<std::string>& toml_files) {
  PluginManifest m{plugin, "test manifest " + plugin, {}};
  for (std::size_t i = 0; i < toml_files.size(); ++i)
    m.files.push_back(parse_permission_file(toml_files[i], FileFormat::toml, plugin + "/file" + std::to_string(i) + ".toml"));
  return m;
}

inline std::vector<Capability> capabilities(const std::string& json) {
  return parse_capability_file(json, FileFormat::json, "caps.json");
}

inline std::shared_ptr<const ResolvedAcl> resolve(std::vector<PluginManifest> manifests, const std::string& caps_json,
                                                  Target target = Target::linux) {
  ManifestSet set(std::move(manifests));
  return resolve_acl(set, capabilities(caps_json), target);
}

// A temporary folder removed at the end of the test (tests/support).
using TempDir = warden::test::TempDir;

inline const std::filesystem::path kData = WARDEN_TEST_DATA;
inline const std::filesystem::path kConformance = kData / "conformance" / "tauri-acl";
inline const std::filesystem::path kCorpus = kData / "corpus" / "plugins-workspace";

}  // namespace warden::acl::test
