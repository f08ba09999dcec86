#include "cli/app_config.hpp"

#include <stdexcept>

#include <boost/json.hpp>

#include "acl/document.hpp"
#include "cli/text_file.hpp"
#include "plugin/plugin_pin.hpp"

namespace warden::cli {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

json::value parse_json(const std::string& text, const std::string& source) {
  json::parse_options opts;
  opts.allow_comments = true;
  opts.allow_trailing_commas = true;
  std::error_code ec;
  json::value root = json::parse(text, ec, {}, opts);
  if (ec) throw std::runtime_error(source + ": not valid JSON: " + ec.message());
  return root;
}

[[noreturn]] void fail(const std::string& source, const std::string& key, const std::string& what) {
  throw std::runtime_error(source + ": " + key + ": " + what);
}

// app.library and app.sha256.
std::optional<AppLibraryConfig> app_library_of(const json::value& root, const std::string& source) {
  const json::value* app = root.is_object() ? root.as_object().if_contains("app") : nullptr;
  if (!app || !app->is_object()) return std::nullopt;
  const auto& o = app->as_object();
  const json::value* library = o.if_contains("library");
  const json::value* pin = o.if_contains("sha256");
  if (!library) {
    if (pin) fail(source, "app.sha256", "pins the app library, but app.library names none");
    return std::nullopt;
  }
  if (!library->is_string() || library->as_string().empty())
    fail(source, "app.library", "must be the app library's file (a path against the app folder, or a file name)");
  AppLibraryConfig out{std::string(library->as_string()), std::nullopt};
  if (pin) {
    if (!pin->is_string()) fail(source, "app.sha256", "must be a string of 64 lowercase hex digits");
    if (auto problem = plugin::sha256_pin_problem(pin->as_string())) fail(source, "app.sha256", *problem);
    out.sha256 = std::string(pin->as_string());
  }
  return out;
}

// app.singleInstance: a boolean; anything else stops the run with the file, line and key.
bool single_instance_of(const std::string& text, const std::string& source) {
  acl::Document doc = acl::parse_json_document(text, source);
  const json::value* app = doc.root.is_object() ? doc.root.as_object().if_contains("app") : nullptr;
  const json::value* key = app && app->is_object() ? app->as_object().if_contains("singleInstance") : nullptr;
  return key && acl::expect_bool(doc, *key, "app.singleInstance");
}

json::object plugin_configs_of(const json::value& root) {
  const json::value* plugins = root.is_object() ? root.as_object().if_contains("plugins") : nullptr;
  return plugins && plugins->is_object() ? plugins->as_object() : json::object{};
}

}  // namespace

AppConfig load_app_config(const fs::path& app_dir) {
  AppConfig c;
  c.dir = fs::absolute(app_dir).lexically_normal();
  c.file = c.dir / "warden.conf.json";
  const std::string text = read_text_file(c.file);
  const std::string source = c.file.string();
  // The ACL's reader first: its errors name file, line and key (acl::Error).
  c.acl = acl::parse_app_config(text, source, c.dir);
  c.frontend = webview::parse_frontend_config(text, source, c.dir);
  c.ipc = runtime::parse_ipc_limits(text, source);
  c.asset_protocol = webview::parse_asset_protocol_config(text, source);
  c.navigation = webview::parse_navigation_config(text, source);
  json::value root = parse_json(text, source);
  c.plugin_configs = plugin_configs_of(root);
  c.app_library = app_library_of(root, source);
  c.single_instance = single_instance_of(text, source);
  return c;
}

std::optional<AppConfig> load_app_config_if_present(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / "warden.conf.json", ec)) return std::nullopt;
  return load_app_config(dir);
}

plugin::AppPlugins AppConfig::plugins(const std::vector<fs::path>& folders) const {
  plugin::AppPlugins out;
  out.pins = acl.plugin_pins;
  out.configs = plugin_configs;
  for (const auto& [name, path] : acl.plugin_paths) {
    std::error_code ec;
    // A folder there only adds permission files (acl::load_app_folder reads it).
    if (!fs::is_directory(path, ec)) out.libraries[name] = path;
  }
  if (app_library) {
    fs::path named = app_library->library;
    fs::path file = dir / named;
    std::error_code ec;
    if (!named.has_parent_path() && !fs::exists(file, ec))
      for (const auto& folder : folders)
        if (fs::exists(folder / named, ec)) {
          file = folder / named;
          break;
        }
    out.app_library = plugin::AppLibrary{file, app_library->sha256};
  }
  return out;
}

}  // namespace warden::cli
