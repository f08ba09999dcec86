#include "plugin/manifest_section.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "plugin/elf_section.hpp"
#include "plugin/load_error.hpp"
#include "warden/plugin.h"

namespace warden::plugin {
namespace json = boost::json;

namespace {

std::uint32_t read_u32le(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | static_cast<std::uint32_t>(b[at + 1]) << 8 |
         static_cast<std::uint32_t>(b[at + 2]) << 16 | static_cast<std::uint32_t>(b[at + 3]) << 24;
}

void write_u32le(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Quotes a value taken from untrusted input for an error message: printable ASCII only, capped.
std::string shown(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 80)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) out += c;
    else out += '?';
  }
  if (s.size() > 80) out += "...";
  return out + "'";
}

bool is_safe_relative_path(std::string_view p) {
  if (p.empty() || p.size() > 1024 || p.front() == '/') return false;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string_view part = p.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || c == '\\' || u == 0x7f) return false;
    }
    start = end + 1;
  }
  return true;
}

std::optional<acl::FileFormat> format_of(std::string_view path) {
  auto ends_with = [&](std::string_view ext) {
    return path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends_with(".toml")) return acl::FileFormat::toml;
  if (ends_with(".json")) return acl::FileFormat::json;
  return std::nullopt;
}

const json::value& required(const json::object& o, const char* key, const std::filesystem::path& lib) {
  auto it = o.find(key);
  if (it == o.end()) throw LoadError(lib, std::string("manifest section: missing field \"") + key + "\"");
  return it->value();
}

const json::string& required_string(const json::object& o, const char* key, const std::filesystem::path& lib) {
  const json::value& v = required(o, key, lib);
  if (!v.is_string()) throw LoadError(lib, std::string("manifest section: field \"") + key + "\" is not a string");
  return v.get_string();
}

// One list of "extensions": unique valid ids.
std::vector<std::string> decode_extension_list(const json::object& o, const char* key, const std::filesystem::path& lib) {
  const std::string where = std::string("manifest section " WARDEN_MANIFEST_SECTION ": \"extensions\".\"") + key + "\"";
  std::vector<std::string> out;
  const json::value* list = o.if_contains(key);
  if (!list) return out;
  if (!list->is_array()) throw LoadError(lib, where + " is not an array");
  if (list->get_array().size() > max_extensions)
    throw LoadError(lib, where + " lists more than " + std::to_string(max_extensions) + " extensions");
  std::set<std::string> seen;
  for (const json::value& v : list->get_array()) {
    if (!v.is_string()) throw LoadError(lib, where + ": an entry is not a string");
    std::string id(v.get_string());
    if (!is_valid_extension_id(id))
      throw LoadError(lib, where + ": invalid extension id " + shown(id) +
                               " (expected warden.<name>/<version>, e.g. \"warden.channels/1\")");
    if (!seen.insert(id).second) throw LoadError(lib, where + ": " + shown(id) + " is listed twice");
    out.push_back(std::move(id));
  }
  return out;
}

ManifestExtensions decode_extensions(const json::value& v, const std::filesystem::path& lib) {
  if (!v.is_object())
    throw LoadError(lib, "manifest section " WARDEN_MANIFEST_SECTION ": \"extensions\" is not an object");
  for (const auto& kv : v.get_object())
    if (kv.key() != "uses" && kv.key() != "offers")
      throw LoadError(lib, "manifest section " WARDEN_MANIFEST_SECTION ": \"extensions\" has unknown field " +
                               shown(kv.key()) + " (expected \"uses\" and \"offers\")");
  return {decode_extension_list(v.get_object(), "uses", lib), decode_extension_list(v.get_object(), "offers", lib)};
}

}  // namespace

bool is_valid_extension_id(std::string_view id) {
  // warden\.[a-z0-9-]+/[0-9]+
  constexpr std::string_view prefix = "warden.";
  if (id.size() > max_extension_id_length || !id.starts_with(prefix)) return false;
  std::string_view rest = id.substr(prefix.size());
  std::size_t slash = rest.find('/');
  if (slash == 0 || slash == std::string_view::npos || slash + 1 == rest.size()) return false;
  auto is_name_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  return std::all_of(rest.begin(), rest.begin() + slash, is_name_char) &&
         std::all_of(rest.begin() + slash + 1, rest.end(), is_digit);
}

bool is_valid_plugin_name(std::string_view name) {
  if (name.empty() || name.size() > max_name_length || name.front() == '-' || name.back() == '-') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool is_valid_command_name(std::string_view name) {
  if (name.empty() || name.size() > max_command_length || !(name.front() >= 'a' && name.front() <= 'z')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_valid_version(std::string_view v) {
  if (v.empty() || v.size() > 64) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

std::string section_file_source(const std::filesystem::path& library, const std::string& path) {
  return library.string() + " [section " WARDEN_MANIFEST_SECTION ": " + path + "]";
}

PluginManifestSection decode_manifest_section(std::span<const std::uint8_t> bytes,
                                              const std::filesystem::path& lib) {
  const std::string where = "manifest section " WARDEN_MANIFEST_SECTION ": ";
  if (bytes.size() < WARDEN_MANIFEST_HEADER_SIZE)
    throw LoadError(lib, where + "truncated (" + std::to_string(bytes.size()) + " bytes, the header alone is " +
                             std::to_string(WARDEN_MANIFEST_HEADER_SIZE) + ")");
  if (std::memcmp(bytes.data(), WARDEN_MANIFEST_MAGIC, 8) != 0)
    throw LoadError(lib, where + "bad magic (not written by `warden plugin embed`)");
  PluginManifestSection m;
  m.format_version = read_u32le(bytes, 8);
  m.abi_version = read_u32le(bytes, 12);
  const std::uint32_t length = read_u32le(bytes, 16);
  if (m.format_version != WARDEN_MANIFEST_FORMAT_VERSION)
    throw LoadError(lib, where + "format version " + std::to_string(m.format_version) + ", this host reads " +
                             std::to_string(WARDEN_MANIFEST_FORMAT_VERSION));
  // ABI 1 plugins load through the compatibility shim (host/plugin/abi1/).
  if (m.abi_version != WARDEN_ABI_VERSION && m.abi_version != 1)
    throw LoadError(lib, "ABI mismatch: the plugin was built for Warden ABI " + std::to_string(m.abi_version) +
                             ", this host has ABI " + std::to_string(WARDEN_ABI_VERSION) +
                             " and loads ABI 1 (rebuild the plugin against this SDK)");
  if (length != bytes.size() - WARDEN_MANIFEST_HEADER_SIZE)
    throw LoadError(lib, where + "payload length " + std::to_string(length) + " does not match the section size " +
                             std::to_string(bytes.size()) + " (truncated, or more than one manifest linked in)");

  std::string_view payload(reinterpret_cast<const char*>(bytes.data()) + WARDEN_MANIFEST_HEADER_SIZE, length);
  boost::system::error_code ec;
  json::value doc = json::parse(payload, ec);
  if (ec) throw LoadError(lib, where + "payload is not valid JSON: " + ec.message());
  if (!doc.is_object()) throw LoadError(lib, where + "payload is not a JSON object");
  const json::object& o = doc.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "name" && kv.key() != "version" && kv.key() != "commands" && kv.key() != "files" &&
        kv.key() != "extensions")
      throw LoadError(lib, where + "unknown field " + shown(kv.key()));
  }

  m.name = required_string(o, "name", lib);
  if (!is_valid_plugin_name(m.name))
    throw LoadError(lib, where + "invalid plugin name " + shown(m.name) + " (expected [a-z0-9-], at most 64 characters)");
  m.version = required_string(o, "version", lib);
  if (!is_valid_version(m.version)) throw LoadError(lib, where + "invalid version " + shown(m.version));

  const json::value& commands = required(o, "commands", lib);
  if (!commands.is_array()) throw LoadError(lib, where + "\"commands\" is not an array");
  if (commands.get_array().size() > max_commands)
    throw LoadError(lib, where + "more than " + std::to_string(max_commands) + " commands");
  std::set<std::string> seen;
  for (const json::value& c : commands.get_array()) {
    if (!c.is_string()) throw LoadError(lib, where + "a command name is not a string");
    std::string name(c.get_string());
    if (!is_valid_command_name(name))
      throw LoadError(lib, where + "invalid command name " + shown(name) + " (expected [a-z][a-z0-9_]*)");
    if (!seen.insert(name).second) throw LoadError(lib, where + "command " + shown(name) + " declared twice");
    m.commands.push_back(std::move(name));
  }

  const json::value& files = required(o, "files", lib);
  if (!files.is_array()) throw LoadError(lib, where + "\"files\" is not an array");
  if (files.get_array().size() > max_files) throw LoadError(lib, where + "too many permission files");
  std::set<std::string> paths;
  for (const json::value& f : files.get_array()) {
    if (!f.is_object()) throw LoadError(lib, where + "an entry of \"files\" is not an object");
    const json::object& fo = f.get_object();
    if (fo.size() != 2) throw LoadError(lib, where + "an entry of \"files\" must have exactly \"path\" and \"text\"");
    ManifestFile mf;
    mf.path = required_string(fo, "path", lib);
    mf.text = required_string(fo, "text", lib);
    if (!is_safe_relative_path(mf.path))
      throw LoadError(lib, where + "invalid file path " + shown(mf.path) + " (must be relative, without '..')");
    auto format = format_of(mf.path);
    if (!format) throw LoadError(lib, where + "file " + shown(mf.path) + " is neither .toml nor .json");
    if (!paths.insert(mf.path).second) throw LoadError(lib, where + "file " + shown(mf.path) + " appears twice");
    try {
      mf.parsed = acl::parse_permission_file(mf.text, *format, section_file_source(lib, mf.path));
    } catch (const acl::Error& e) {
      std::string at = mf.path;
      if (e.where().line) at += ":" + std::to_string(*e.where().line);
      if (!e.where().field.empty()) at += ": " + e.where().field;
      throw LoadError(lib, "invalid permission file in the manifest section: " + at + ": " + e.detail());
    } catch (const std::exception& e) {
      throw LoadError(lib, "invalid permission file " + mf.path + " in the manifest section: " + e.what());
    }
    m.files.push_back(std::move(mf));
  }
  if (const json::value* ext = o.if_contains("extensions")) m.extensions = decode_extensions(*ext, lib);
  check_manifest(m, lib);
  return m;
}

void check_manifest(const PluginManifestSection& m, const std::filesystem::path& lib) {
  std::map<std::string, std::string> defined;  // identifier -> file defining it
  const ManifestFile* default_file = nullptr;
  for (const ManifestFile& f : m.files) {
    auto define = [&](const std::string& id) {
      auto [it, fresh] = defined.emplace(id, f.path);
      if (!fresh)
        throw LoadError(lib, "permission identifier '" + id + "' is defined in " + it->second + " and again in " + f.path);
    };
    for (const auto& p : f.parsed.permissions) define(p.identifier);
    for (const auto& s : f.parsed.sets) define(s.identifier);
    if (f.parsed.default_set) {
      if (default_file)
        throw LoadError(lib, "the default permission set is defined in " + default_file->path + " and again in " + f.path);
      default_file = &f;
    }
  }
  auto check_refs = [&](const std::vector<std::string>& refs, const std::string& owner, const std::string& path) {
    for (const auto& r : refs) {
      if (r.find(':') != std::string::npos) continue;  // another plugin's: checked by the resolver
      if (!defined.count(r))
        throw LoadError(lib, owner + " in " + path + " includes '" + r + "', which no permission file of plugin '" +
                                 m.name + "' defines");
    }
  };
  for (const ManifestFile& f : m.files) {
    for (const auto& s : f.parsed.sets) check_refs(s.permissions, "set '" + s.identifier + "'", f.path);
    if (f.parsed.default_set) check_refs(f.parsed.default_set->permissions, "the default set", f.path);
  }
}

std::vector<std::string> manifest_warnings(const PluginManifestSection& m) {
  std::vector<std::string> out;
  std::set<std::string> commands(m.commands.begin(), m.commands.end());
  for (const ManifestFile& f : m.files)
    for (const auto& p : f.parsed.permissions)
      for (const auto* list : {&p.commands_allow, &p.commands_deny})
        for (const auto& c : *list)
          if (!commands.count(c))
            out.push_back("permission '" + p.identifier + "' in " + f.path + " names command '" + c +
                          "', which the plugin does not declare (it has no effect)");
  return out;
}

PluginManifestSection read_manifest_section(const std::filesystem::path& library) {
  auto section = read_elf_section(library, WARDEN_MANIFEST_SECTION);
  if (!section)
    throw LoadError(library, "no " WARDEN_MANIFEST_SECTION " section: not a Warden plugin, or not built with "
                             "warden_add_plugin()");
  return decode_manifest_section(section->bytes, library);
}

std::vector<std::uint8_t> encode_manifest_section(const PluginManifestSection& m) {
  json::object payload;
  payload["name"] = m.name;
  payload["version"] = m.version;
  json::array commands;
  for (const auto& c : m.commands) commands.emplace_back(c);
  payload["commands"] = std::move(commands);
  json::array files;
  for (const auto& f : m.files) files.emplace_back(json::object{{"path", f.path}, {"text", f.text}});
  payload["files"] = std::move(files);
  if (!m.extensions.uses.empty() || !m.extensions.offers.empty())
    payload["extensions"] = json::object{{"uses", json::array(m.extensions.uses.begin(), m.extensions.uses.end())},
                                         {"offers", json::array(m.extensions.offers.begin(), m.extensions.offers.end())}};
  std::string text = json::serialize(payload);

  std::vector<std::uint8_t> out(WARDEN_MANIFEST_MAGIC, WARDEN_MANIFEST_MAGIC + 8);
  write_u32le(out, WARDEN_MANIFEST_FORMAT_VERSION);
  write_u32le(out, m.abi_version ? m.abi_version : WARDEN_ABI_VERSION);
  write_u32le(out, static_cast<std::uint32_t>(text.size()));
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

json::object manifest_permissions_json(const PluginManifestSection& m) {
  json::value default_set = nullptr;
  json::array permissions, sets;
  for (const ManifestFile& f : m.files) {
    json::object one = acl::to_json(f.parsed);
    if (auto* d = one.if_contains("default"); d && !d->is_null()) default_set = *d;
    if (auto* p = one.if_contains("permissions"); p && p->is_array())
      for (auto& v : p->get_array()) permissions.push_back(v);
    if (auto* s = one.if_contains("sets"); s && s->is_array())
      for (auto& v : s->get_array()) sets.push_back(v);
  }
  return json::object{{"default", default_set}, {"permissions", permissions}, {"sets", sets}};
}

}  // namespace warden::plugin
