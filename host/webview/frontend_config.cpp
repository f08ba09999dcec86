#include "webview/frontend_config.hpp"

#include <set>
#include <stdexcept>

#include <boost/json.hpp>

namespace warden::webview {
namespace json = boost::json;

namespace {
struct Reader {
  const std::string& source;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error(source + ": " + key + ": " + what);
  }
  std::optional<std::string> string(const json::object& o, const char* key, const std::string& path) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(path + key, "must be a string");
    return std::string(v->as_string());
  }
  const json::object* object(const json::object& o, const char* key, const std::string& path) const {
    auto* v = o.if_contains(key);
    if (!v || v->is_null()) return nullptr;
    if (!v->is_object()) fail(path + key, "must be an object");
    return &v->as_object();
  }
};

// "default-src 'self'; img-src *" from {"default-src": "'self'", "img-src": ["*"]}.
std::string csp_from_object(const json::object& o) {
  std::string out;
  for (auto& [directive, value] : o) {
    if (!out.empty()) out += "; ";
    out += std::string(directive);
    if (value.is_string()) {
      out += " " + std::string(value.as_string());
    } else if (value.is_array()) {
      for (auto& s : value.as_array())
        if (s.is_string()) out += " " + std::string(s.as_string());
    }
  }
  return out;
}

// app.security.pattern: {"use": "brownfield"} or {"use": "isolation", "options": {"dir": "..."}}.
std::optional<std::filesystem::path> isolation_dir_of(const Reader& r, const json::object& security,
                                                      const std::filesystem::path& app_dir) {
  const json::object* pattern = r.object(security, "pattern", "app.security.");
  if (!pattern) return std::nullopt;
  auto use = r.string(*pattern, "use", "app.security.pattern.");
  if (!use) r.fail("app.security.pattern.use", "is required (\"brownfield\" or \"isolation\")");
  if (*use == "brownfield") return std::nullopt;
  if (*use != "isolation") r.fail("app.security.pattern.use", "must be \"brownfield\" or \"isolation\", not \"" + *use + "\"");
  const json::object* options = r.object(*pattern, "options", "app.security.pattern.");
  auto dir = options ? r.string(*options, "dir", "app.security.pattern.options.") : std::nullopt;
  if (!dir || dir->empty()) r.fail("app.security.pattern.options.dir", "is required with \"use\": \"isolation\"");
  std::filesystem::path path = std::filesystem::path(*dir).is_absolute() ? std::filesystem::path(*dir) : app_dir / *dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec))
    r.fail("app.security.pattern.options.dir", "'" + path.string() + "' is not a directory");
  if (!std::filesystem::is_regular_file(path / "index.html", ec))
    r.fail("app.security.pattern.options.dir", "'" + path.string() + "' has no index.html (the isolation frame's page)");
  return path.lexically_normal();
}
// app.security.frameAncestors: CSP sources ("'self'", "https://partner.example", "'none'", "*").
// One token each: a space, ';' or ',' would smuggle other sources or directives into the header.
std::vector<std::string> frame_ancestors_of(const Reader& r, const json::value& v) {
  const char* key = "app.security.frameAncestors";
  const char* expected = "must be a non-empty list of CSP sources (\"'self'\", \"'none'\", \"https://host\", \"*\")";
  if (!v.is_array() || v.as_array().empty()) r.fail(key, expected);
  std::vector<std::string> out;
  for (auto& item : v.as_array()) {
    if (!item.is_string() || item.as_string().empty()) r.fail(key, expected);
    std::string source(item.as_string());
    for (char c : source)
      if (c == ';' || c == ',' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
        r.fail(key, "'" + source + "' is not one CSP source (no spaces, ';' or ',')");
    out.push_back(std::move(source));
  }
  return out;
}
// bundle.icon: a list of icon files; Tauri's Linux window icon is the first PNG of it, else
// icons/icon.png. A file that is not there gives no icon (Tauri would fail the build).
std::optional<std::filesystem::path> window_icon_of(const Reader& r, const json::object& top,
                                                    const std::filesystem::path& app_dir) {
  std::string icon = "icons/icon.png";
  if (auto* bundle = r.object(top, "bundle", "")) {
    if (auto* list = bundle->if_contains("icon"); list && !list->is_null()) {
      if (!list->is_array()) r.fail("bundle.icon", "must be a list of icon file paths");
      for (auto& item : list->as_array()) {
        if (!item.is_string()) r.fail("bundle.icon", "must be a list of icon file paths");
        std::string entry(item.as_string());
        if (entry.size() >= 4 && entry.compare(entry.size() - 4, 4, ".png") == 0) {
          icon = entry;
          break;
        }
      }
    }
  }
  std::filesystem::path path = std::filesystem::path(icon).is_absolute() ? std::filesystem::path(icon) : app_dir / icon;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  return path.lexically_normal();
}
}  // namespace

FrontendConfig parse_frontend_config(std::string_view json_text, const std::string& source,
                                     const std::filesystem::path& app_dir) {
  Reader r{source};
  json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec, {}, options);
  if (ec) throw std::runtime_error(source + ": not valid JSON: " + ec.message());
  if (!root.is_object()) throw std::runtime_error(source + ": must be a JSON object");
  const auto& top = root.as_object();

  FrontendConfig config;
  auto identifier = r.string(top, "identifier", "");
  if (!identifier || identifier->empty()) r.fail("identifier", "is required");
  config.identifier = *identifier;
  config.product_name = r.string(top, "productName", "").value_or(config.identifier);
  config.version = r.string(top, "version", "").value_or("0.0.0");

  std::string dist = "dist";
  if (auto* build = r.object(top, "build", "")) dist = r.string(*build, "frontendDist", "build.").value_or(dist);
  config.frontend_dist = std::filesystem::path(dist).is_absolute() ? std::filesystem::path(dist) : app_dir / dist;

  std::set<std::string> labels;
  if (auto* app = r.object(top, "app", "")) {
    if (auto* w = app->if_contains("windows"); w && !w->is_null()) {
      if (!w->is_array()) r.fail("app.windows", "must be an array");
      size_t i = 0;
      for (auto& item : w->as_array()) {
        std::string path = "app.windows[" + std::to_string(i++) + "].";
        if (!item.is_object()) r.fail(path, "must be an object");
        WindowConfig defaults;
        defaults.title = config.product_name;
        WindowConfig window = parse_window_config(item.as_object(), source + ": " + path.substr(0, path.size() - 1),
                                                  std::move(defaults));
        if (!labels.insert(window.label).second) r.fail(path + "label", "'" + window.label + "' is used twice");
        config.windows.push_back(std::move(window));
      }
    }
    if (auto* security = r.object(*app, "security", "app.")) {
      auto read_csp = [&](const char* key) -> std::optional<std::string> {
        auto* csp = security->if_contains(key);
        if (!csp || csp->is_null()) return std::nullopt;
        if (csp->is_string()) return std::string(csp->as_string());
        if (csp->is_object()) return csp_from_object(csp->as_object());
        r.fail(std::string("app.security.") + key, "must be a string or an object");
      };
      config.csp = read_csp("csp");
      config.dev_csp = read_csp("devCsp");
      if (auto* d = security->if_contains("dangerousDisableAssetCspModification"); d && !d->is_null()) {
        if (d->is_bool()) {
          config.csp_modification_disabled = d->as_bool();
        } else if (d->is_array()) {
          for (auto& item : d->as_array()) {
            if (!item.is_string())
              r.fail("app.security.dangerousDisableAssetCspModification", "must be true, false or a list of directives");
            config.csp_modification_disabled_directives.emplace_back(item.as_string());
          }
        } else {
          r.fail("app.security.dangerousDisableAssetCspModification", "must be true, false or a list of directives");
        }
      }
      if (auto* f = security->if_contains("freezePrototype"); f && !f->is_null()) {
        if (!f->is_bool()) r.fail("app.security.freezePrototype", "must be true or false");
        config.freeze_prototype = f->as_bool();
      }
      config.isolation_dir = isolation_dir_of(r, *security, app_dir);
      if (auto* f = security->if_contains("frameAncestors"); f && !f->is_null())
        config.frame_ancestors = frame_ancestors_of(r, *f);
    }
  }
  config.window_icon = window_icon_of(r, top, app_dir);
  if (config.windows.empty()) config.windows.push_back(WindowConfig{"main", "index.html", config.product_name});
  return config;
}

}  // namespace warden::webview
