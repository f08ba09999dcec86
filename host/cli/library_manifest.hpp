#pragma once
// `--plugin NAME=lib.so` and `plugins.<name>.path` naming a library: the ACL input comes from
// the library's manifest section, read without running plugin code.
#include <filesystem>
#include <string>

#include "acl/manifest_set.hpp"

namespace warden::cli {

// Throws UsageError when the section names another plugin than `plugin`, and
// plugin::LoadError when the section is missing or invalid.
acl::PluginManifest manifest_from_library(const std::string& plugin, const std::filesystem::path& library);

}  // namespace warden::cli
