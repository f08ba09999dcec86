#pragma once
// The plugin manifest section (layout: end of sdk/include/warden/plugin.h): encoding it at
// build time, decoding and validating it as untrusted input when reading a plugin.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "acl/permission_file.hpp"

namespace warden::plugin {

// One permission file carried by the section: its path as written ("permissions/x.toml"),
// its text, and its parsed form.
struct ManifestFile {
  std::string path;
  std::string text;
  acl::PermissionFile parsed;
};

// The section's "extensions": ids of host extensions the plugin asks for and of plugin
// extensions it answers (warden\.[a-z0-9-]+/[0-9]+).
struct ManifestExtensions {
  std::vector<std::string> uses;
  std::vector<std::string> offers;
  bool operator==(const ManifestExtensions&) const = default;
};

struct PluginManifestSection {
  std::uint32_t format_version = 0;
  std::uint32_t abi_version = 0;
  std::string name;
  std::string version;
  std::vector<std::string> commands;
  std::vector<ManifestFile> files;
  ManifestExtensions extensions;
};

// Limits on untrusted input.
inline constexpr std::size_t max_commands = 1024;
inline constexpr std::size_t max_files = 4096;
inline constexpr std::size_t max_name_length = 64;
inline constexpr std::size_t max_command_length = 128;
inline constexpr std::size_t max_extensions = 64;          // in each of "uses" and "offers"
inline constexpr std::size_t max_extension_id_length = 128;

bool is_valid_plugin_name(std::string_view name);     // [a-z0-9-]+, no leading/trailing '-'
bool is_valid_command_name(std::string_view name);    // [a-z][a-z0-9_]*
bool is_valid_version(std::string_view version);      // printable ASCII, no spaces, 1..64 chars
bool is_valid_extension_id(std::string_view id);      // warden\.[a-z0-9-]+/[0-9]+, at most 128 chars

// Decodes and validates the bytes of a manifest section read from `library` (used only to
// name it in errors). Throws LoadError naming the library and the reason: bad magic, unknown
// format version, ABI mismatch, a payload that is not the documented JSON, invalid names,
// duplicate commands, a permission file that does not parse (the parser's message, with the
// file inside the section and the line), or inconsistent permissions (see check_manifest).
PluginManifestSection decode_manifest_section(std::span<const std::uint8_t> bytes,
                                              const std::filesystem::path& library);

// Reads the section from the file with libelf (no plugin code runs) and decodes it. Throws
// LoadError, also when the file has no manifest section.
PluginManifestSection read_manifest_section(const std::filesystem::path& library);

// Checks a manifest's permission files against each other; throws LoadError(library, reason):
// an identifier defined twice, more than one default set, a set or default naming a
// permission of this plugin that does not exist.
void check_manifest(const PluginManifestSection& manifest, const std::filesystem::path& library);

// What is suspicious but allowed (Tauri allows it, and its fs plugin does it): a permission
// naming a command the plugin does not declare. `warden plugin embed` prints these.
std::vector<std::string> manifest_warnings(const PluginManifestSection& manifest);

// The section bytes for a manifest (header + JSON payload of name, version, commands, the
// files' path and text, and "extensions" when it lists any).
std::vector<std::uint8_t> encode_manifest_section(const PluginManifestSection& manifest);

// The permission files merged into one parsed form, as `warden plugin inspect` prints it:
// {"default": {...}|null, "permissions": [...], "sets": [...]}.
boost::json::object manifest_permissions_json(const PluginManifestSection& manifest);

// Where a file inside a library's section is, for error messages:
// "<library> [section .warden_manifest: permissions/x.toml]".
std::string section_file_source(const std::filesystem::path& library, const std::string& path);

}  // namespace warden::plugin
