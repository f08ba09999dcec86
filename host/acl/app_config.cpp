#include "acl/app_config.hpp"

#include <algorithm>

#include "acl/closest_identifier.hpp"
#include "acl/document.hpp"
#include "acl/identifier.hpp"

namespace warden::acl {
namespace fs = std::filesystem;

namespace {

const boost::json::value* member(const boost::json::value& v, std::string_view key) {
  return v.is_object() ? v.get_object().if_contains(key) : nullptr;
}

void read_capabilities(const Document& doc, const boost::json::value& list, AppConfig& config) {
  const std::string path = "app.security.capabilities";
  const auto& arr = expect_array(doc, list, path);
  config.lists_capabilities = !arr.empty();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    std::string item = index_path(path, i);
    if (arr[i].is_string()) {
      config.referenced_capabilities.push_back({std::string(arr[i].get_string()), doc.at(item)});
    } else {
      config.inline_capabilities.push_back(parse_capability(doc, arr[i], item));
    }
  }
}

// plugins.<name>.grants: a list of the scope names warden.grants/1 knows; anything else stops the
// run, since a misspelt scope would silently leave the plugin unable to grant.
std::vector<std::string> grant_scopes(const Document& doc, const boost::json::value& v, const std::string& path) {
  auto scopes = expect_string_list(doc, v, path);
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    auto known = std::find(std::begin(kGrantableScopes), std::end(kGrantableScopes), scopes[i]);
    if (known == std::end(kGrantableScopes))
      doc.fail(ErrorKind::invalid_value, index_path(path, i),
               "unknown scope '" + scopes[i] + "' (expected \"fs\" or \"asset\")");
  }
  return scopes;
}

void read_plugins(const Document& doc, const boost::json::value& plugins, const fs::path& app_dir, AppConfig& config) {
  const auto& obj = expect_object(doc, plugins, "plugins");
  for (const auto& [name, entry] : obj) {
    std::string path = field_path("plugins", name);
    if (auto problem = identifier_problem(name, IdentifierKind::name)) doc.fail(ErrorKind::invalid_identifier, path, *problem);
    const auto& fields = expect_object(doc, entry, path);
    if (auto* p = fields.if_contains("path")) {
      fs::path dir = expect_string(doc, *p, field_path(path, "path"));
      config.plugin_paths[std::string(name)] = dir.is_absolute() ? dir : app_dir / dir;
    }
    if (auto* p = fields.if_contains("sha256")) {
      std::string field = field_path(path, "sha256");
      std::string pin = expect_string(doc, *p, field);
      bool ok = pin.size() == 64 &&
                std::all_of(pin.begin(), pin.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
      if (!ok) doc.fail(ErrorKind::invalid_value, field, "expected 64 lowercase hex digits (the library's SHA-256), got '" + pin + "'");
      config.plugin_pins[std::string(name)] = pin;
    }
    if (auto* g = fields.if_contains("grants")) config.plugin_grants[std::string(name)] = grant_scopes(doc, *g, field_path(path, "grants"));
  }
}

}  // namespace

AppConfig parse_app_config(std::string_view text, const std::string& source, const fs::path& app_dir) {
  Document doc = parse_json_document(text, source);
  expect_object(doc, doc.root, "");
  AppConfig config;
  config.source = source;
  if (auto* app = member(doc.root, "app")) {
    expect_object(doc, *app, "app");
    if (auto* security = member(*app, "security")) {
      expect_object(doc, *security, "app.security");
      if (auto* caps = member(*security, "capabilities")) read_capabilities(doc, *caps, config);
    }
  }
  if (auto* plugins = member(doc.root, "plugins")) read_plugins(doc, *plugins, app_dir, config);
  return config;
}

namespace {

std::vector<Capability> capability_files(const fs::path& dir) {
  std::vector<Capability> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> paths;
  // Subfolders too, as Tauri's default "./capabilities/**/*".
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && format_of(e.path())) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths)
    for (auto& cap : load_capability_file(p)) out.push_back(std::move(cap));
  return out;
}

std::vector<Capability> enabled_capabilities(const AppConfig& config, std::vector<Capability> files) {
  if (!config.lists_capabilities) return files;
  std::vector<Capability> out = config.inline_capabilities;
  std::vector<std::string> known;
  for (const auto& c : files) known.push_back(c.identifier);
  for (const auto& ref : config.referenced_capabilities) {
    auto it = std::find_if(files.begin(), files.end(), [&](const Capability& c) { return c.identifier == ref.identifier; });
    if (it == files.end()) {
      auto closest = closest_identifiers(ref.identifier, known);
      throw Error(ErrorKind::unknown_capability, ref.where, "no capability '" + ref.identifier + "' in capabilities/" +
                                 (closest.empty() ? "" : "; did you mean " + quoted_list(closest) + "?"));
    }
    out.push_back(*it);
  }
  return out;
}

}  // namespace

AclInputs load_app_folder(const fs::path& dir, const LibraryManifestReader& read_library) {
  fs::path conf = dir / "warden.conf.json";
  std::error_code ec;
  AppConfig config;
  if (fs::exists(conf, ec)) config = parse_app_config(read_text_file(conf), conf.string(), dir);
  return load_app_folder(dir, config, read_library);
}

AclInputs load_app_folder(const fs::path& dir, const AppConfig& config, const LibraryManifestReader& read_library) {
  std::error_code ec;
  AclInputs inputs;
  inputs.capabilities = enabled_capabilities(config, capability_files(dir / "capabilities"));
  if (fs::is_directory(dir / "permissions", ec))
    inputs.manifests.push_back(load_manifest_folder(std::string(kAppManifest), dir / "permissions"));
  for (const auto& [name, path] : config.plugin_paths) {
    // A plugin folder holds its permission files under permissions/; accept the folder itself too.
    fs::path perms = fs::is_directory(path / "permissions", ec) ? path / "permissions" : path;
    inputs.manifests.push_back(load_plugin_manifest(name, perms, read_library));
  }
  return inputs;
}

}  // namespace warden::acl
