// The opener plugin: @tauri-apps/plugin-opener 2.x's openUrl, openPath and revealItemInDir
// (docs/plugins/opener.md). URLs are judged by the opener scope's url entries (opener_scope.hpp),
// paths by its path entries through the host's warden.path-scope/1 (path_judgment.hpp); what is
// allowed goes to GIO's default handlers or a named installed application (uri_launcher.hpp) and
// to the file manager over D-Bus (file_manager.hpp), never through a shell. The commands wait on
// GIO and D-Bus, so they all run on the host's worker pool. Every scope refusal is a
// warden::ScopeRefused: the audit log gets the detail, the page a generic error.
#include <glib.h>
#include <sys/stat.h>

#include <warden/ext/path_scope.h>
#include <warden/mailto.hpp>
#include <warden/path_scope.hpp>
#include <warden/plugin.hpp>
#include <warden/url_scheme.hpp>

#include <boost/json.hpp>

#include <mutex>
#include <set>

#include "file_manager.hpp"
#include "launchable_file.hpp"
#include "opener_scope.hpp"
#include "page_arguments.hpp"
#include "path_judgment.hpp"
#include "uri_launcher.hpp"

namespace json = boost::json;
namespace op = warden::opener_plugin;

namespace {

// check_path of warden.path-scope/1 for this call, with the scope the judgment builds.
op::PathCheck host_check(const warden::Context& ctx) {
  const auto* api = &ctx.host().require<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
  const warden_host* host = ctx.host().raw();
  warden_call* call = ctx.request()->call;
  return [api, host, call](const std::string& path, const std::string& scopes, std::string& canonical,
                           std::string& reason) {
    char* c = nullptr;
    char* r = nullptr;
    int result = api->check_path(call, path.c_str(), scopes.c_str(), &c, &r);
    if (c) canonical = c;
    if (r) reason = r;
    host->free_string(host, c);
    host->free_string(host, r);
    return result;
  };
}

// Says once per run which entries grant nothing, so that an app's author can see why.
void log_ignored(const warden::Host& host, const std::vector<std::string>& ignored) {
  static std::mutex mutex;
  static std::set<std::string> logged;
  std::lock_guard lock(mutex);
  for (const auto& entry : ignored)
    if (logged.insert(entry).second) host.warn("opener: a scope entry grants nothing: " + entry);
}

op::OpenerScope scope_of(const warden::Context& ctx) {
  try {
    op::OpenerScope scope = op::parse_opener_scope(ctx.scopes());
    log_ignored(ctx.host(), scope.ignored);
    return scope;
  } catch (const std::exception& e) {
    // A deny entry that cannot be read might be the one that refuses this call.
    throw warden::ScopeRefused(std::string("the opener scope cannot be read: ") + e.what());
  }
}

// Why opening the canonical path would run code, as a refusal for the audit log; nullopt when it
// would not.
std::optional<std::string> launcher_refusal(const std::string& canonical) {
  if (auto why = op::launches_code(canonical))
    return "'" + canonical + "' is not opened because " + *why +
           "; only a path entry with \"executables\": true allows that";
  return std::nullopt;
}

// open_url of a file: URL an entry names: the file is judged as open_path's are (the host's
// canonical path, outside host-private folders and the deny entries, never a launcher), and the
// URL of that canonical path must be allowed too, so that a symlink or a ".." under the folder an
// entry names cannot lead out of it.
std::string file_url_target(const std::string& url, const std::optional<std::string>& with,
                            const op::OpenerScope& scope, const op::PathCheck& check) {
  char* raw = g_filename_from_uri(url.c_str(), nullptr, nullptr);
  if (!raw) throw std::invalid_argument("'url' is not a local file: URL");
  std::string path(raw);
  g_free(raw);
  op::PathJudgment j = op::judge_reveal_path(op::OpenerScope{{}, {}, {}, scope.deny_paths, {}}, path, check);
  if (!j.allowed) throw warden::ScopeRefused("file: URL '" + url + "': " + j.reason);
  std::string canonical_uri = op::file_uri(j.canonical);
  if (op::UrlJudgment again = op::judge_url(scope, canonical_uri, with); !again.allowed)
    throw warden::ScopeRefused("file: URL '" + url + "' leads to '" + j.canonical + "': " + again.reason);
  if (auto refusal = launcher_refusal(j.canonical)) throw warden::ScopeRefused(*refusal);
  return canonical_uri;
}

json::value open_url(const json::value& args, warden::Context& ctx) {
  op::OpenUrlArgs a = op::open_url_args(args);
  if (auto field = warden::mailto_attachment_field(a.url))
    throw warden::ScopeRefused("mailto: URL with the field '" + *field +
                               "' refused: it makes mail clients attach a local file (docs/security.md)");
  op::OpenerScope scope = scope_of(ctx);
  op::UrlJudgment j = op::judge_url(scope, a.url, a.with);
  if (!j.allowed) throw warden::ScopeRefused(j.reason);
  std::string uri = a.url;
  if (warden::url_scheme(a.url) == "file") uri = file_url_target(a.url, a.with, scope, host_check(ctx));
  op::launch_uri(uri, a.with);
  return nullptr;
}

json::value open_path(const json::value& args, warden::Context& ctx) {
  op::OpenPathArgs a = op::open_path_args(args);
  op::OpenerScope scope = scope_of(ctx);
  op::PathCheck check = host_check(ctx);
  op::PathJudgment j = op::judge_open_path(scope, a.path, a.with, check);
  if (!j.allowed) throw warden::ScopeRefused(j.reason);
  if (auto refusal = launcher_refusal(j.canonical); refusal && !j.entry->executables) {
    // A file that runs code needs an entry that says so; the first entry that matched may not.
    j = op::judge_open_path(scope, a.path, a.with, check, true);
    if (!j.allowed) throw warden::ScopeRefused(*refusal + " (" + j.reason + ")");
  }
  op::launch_uri(op::file_uri(j.canonical), a.with);
  return nullptr;
}

std::string folder_of(const std::string& canonical) {
  std::size_t slash = canonical.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : canonical.substr(0, slash);
}

json::value reveal_item_in_dir(const json::value& args, warden::Context& ctx) {
  std::vector<std::string> paths = op::reveal_args(args);
  if (paths.empty()) return nullptr;
  op::OpenerScope scope = scope_of(ctx);
  op::PathCheck check = host_check(ctx);
  std::vector<std::string> canonical;
  for (const auto& p : paths) {
    op::PathJudgment j = op::judge_reveal_path(scope, p, check);
    if (!j.allowed) throw warden::ScopeRefused(j.reason);
    canonical.push_back(std::move(j.canonical));
  }
  // Judged first, so that a page learns nothing about what exists outside its scope.
  for (std::size_t i = 0; i < canonical.size(); ++i) {
    struct stat st {};
    if (lstat(canonical[i].c_str(), &st) != 0) throw std::runtime_error("'" + paths[i] + "' does not exist");
  }
  std::vector<std::string> uris;
  for (const auto& c : canonical) uris.push_back(op::file_uri(c));
  std::string why;
  if (op::reveal_items(uris, op::file_uri(folder_of(canonical.front())), why) == op::Revealed::by_folder)
    ctx.host().info("opener: no file manager answered on org.freedesktop.FileManager1 (" + why +
                    "); opened the item's folder instead");
  return nullptr;
}

// plugins.opener: tauri-plugin-opener 2.3+ has one field, requireLiteralLeadingDot. The host's
// path patterns always require a literal leading dot (Tauri's default on Unix: `*` does not match
// ".ssh"), so `true` changes nothing and `false` is accepted but not followed: stricter than asked,
// never looser. Any other field refuses the plugin, naming it.
void check_config(const warden::Host& host, const json::value& config) {
  if (config.is_null()) return;
  const json::object* o = config.if_object();
  if (!o) throw std::runtime_error("plugins.opener must be an object");
  for (const auto& [key, value] : *o) {
    if (key != "requireLiteralLeadingDot")
      throw std::runtime_error("plugins.opener: unknown field '" + std::string(key) +
                               "' (expected only requireLiteralLeadingDot)");
    if (!value.is_bool() && !value.is_null())
      throw std::runtime_error("plugins.opener.requireLiteralLeadingDot must be true or false");
    if (value.is_bool() && !value.as_bool())
      host.warn("plugins.opener.requireLiteralLeadingDot = false is not followed: path patterns never match a "
                "leading '.' with a wildcard in Warden (write the dot in the pattern)");
  }
}

// A command whose launch failures reach the page with their message (they name only what the
// page sent: a scheme, an application).
template <class F>
void command(warden::Plugin& plugin, const char* name, F f) {
  plugin.command(name, [f](const json::value& args, warden::Context& ctx) -> json::value {
    try {
      return f(args, ctx);
    } catch (const op::LaunchFailed& e) {
      throw std::runtime_error(e.what());
    }
  }, WARDEN_COMMAND_BLOCKING);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    if (!warden::PathScope::available(host))
      throw std::runtime_error("the opener plugin needs the host extension warden.path-scope/1");
    check_config(host, config);
  });
  command(plugin, "open_url", open_url);
  command(plugin, "open_path", open_path);
  command(plugin, "reveal_item_in_dir", reveal_item_in_dir);
}
