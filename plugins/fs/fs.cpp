// The fs plugin: files and folders for @tauri-apps/plugin-fs 2.x (docs/plugins/fs.md).
// Every path goes through the call's scope (ScopedPath) before anything touches it; open
// files, line readers and watches are per-webview resources; writes of whole files are
// atomic. The commands block on the disk, so they all run on the host's worker pool. Every
// refusal by scope leaves through refuse_to_page, the SDK's scope refusal: the page learns only
// that the scope refused, the audit log the paths and entries.
#include <warden/path_scope.hpp>
#include <warden/plugin.hpp>

#include <memory>
#include <optional>
#include <string_view>

#include "arguments.hpp"
#include "open_file.hpp"
#include "page_path.hpp"
#include "path_commands.hpp"
#include "watch_loop.hpp"

namespace json = boost::json;
namespace fsp = warden::fs_plugin;

namespace {

constexpr std::uint32_t kBlocking = WARDEN_COMMAND_BLOCKING;

fsp::VariableResolver variables(const warden::Host& host) {
  return [host](const std::string& variable) { return warden::PathScope::resolve(host, "$" + variable); };
}

// The host's judgment of `path` under `scopes_json` (path_in_scope of warden.path-scope/1).
fsp::ScopeCheck scope_check(const warden::Host& host, std::string scopes_json) {
  return [host, scopes = std::move(scopes_json)](const std::string& path) {
    return warden::PathScope::in_scope(host, path, scopes);
  };
}

fsp::Access access_of(const warden::Context& ctx) {
  fsp::Access access;
  warden::PathScope scope(ctx);
  access.check = [scope](const std::string& path, std::string& reason) -> std::optional<std::string> {
    try {
      return scope.check(path);
    } catch (const warden::ScopeRefused& refused) {
      reason = refused.what();
      return std::nullopt;
    }
  };
  access.canonical = [scope](const std::string& path) { return scope.canonical(path); };
  access.in_scope = [scope](const std::string& path) { return scope.allows(path); };
  access.resolve = variables(ctx.host());
  access.scopes_json = std::string(ctx.scopes_json());
  access.grant_of = [&ctx](std::string_view command) -> std::optional<fsp::ScopeCheck> {
    // What this caller would be granted for that sibling command; nullopt when it would be
    // refused or the host cannot tell (deny when unsure).
    auto scopes = ctx.command_scopes(command);
    if (!scopes) return std::nullopt;
    return scope_check(ctx.host(), std::move(*scopes));
  };
  return access;
}

// The one way out for a refusal by scope (fsp::ScopeRefusal, whose message names host paths):
// the SDK logs the detail to the audit log and, in release builds, gives the page a generic error.
[[noreturn]] void refuse_to_page(const fsp::ScopeRefusal& refusal) {
  throw warden::ScopeRefused(refusal.what());
}

// Registers a command whose scope refusals reach the page through refuse_to_page.
template <class F>
void command(warden::Plugin& plugin, const char* name, F f, std::uint32_t flags = kBlocking) {
  plugin.command(name, [f = std::move(f)](const json::value& a, warden::Context& ctx) {
    try {
      return f(a, ctx);
    } catch (const fsp::ScopeRefusal& refusal) {
      refuse_to_page(refusal);
    }
  }, flags);
}

// write_file / write_text_file: the package sends the bytes as the body and the path and
// options as the request headers `path` (percent-encoded) and `options` (JSON text), which the
// host hands over as arguments of the same names. A JSON call {path, data, options} works too.
json::value write_arguments(const json::value& args, bool binary) {
  const auto& o = fsp::object_arg(args);
  json::object out;
  std::string path = fsp::string_arg(args, "path");
  if (binary) {
    auto decoded = fsp::percent_decode(path);
    if (!decoded) throw std::invalid_argument("argument 'path' has a malformed %-escape");
    path = *decoded;
  }
  out["path"] = path;
  if (const auto* options = o.if_contains("options"); options && !options->is_null()) {
    // The package sends JSON.stringify(options), which is the text "undefined" without options.
    if (options->is_string() && (options->get_string() == "undefined" || options->get_string().empty())) {
      // no options
    } else if (options->is_string()) {
      boost::system::error_code ec;
      json::value parsed = json::parse(options->get_string(), ec);
      if (ec || !(parsed.is_object() || parsed.is_null())) throw std::invalid_argument("argument 'options' must be a JSON object");
      out["options"] = parsed;
    } else {
      out["options"] = *options;
    }
  }
  return out;
}

void write_command(const json::value& args, warden::Context& ctx) {
  if (ctx.has_body()) {
    fsp::write_file(write_arguments(args, true), ctx.body(), access_of(ctx));
  } else {
    auto data = fsp::bytes_arg(args, "data");
    fsp::write_file(write_arguments(args, false), data, access_of(ctx));
  }
}

template <class T>
std::shared_ptr<T> resource_arg(const json::value& args, const warden::Context& ctx, const char* what) {
  std::uint32_t rid = fsp::rid_arg(args);
  auto object = ctx.resource<T>(rid);
  if (!object) throw std::invalid_argument("argument 'rid': " + std::to_string(rid) + " is not " + what + " of this page");
  return object;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  static std::shared_ptr<fsp::WatchLoop> watches;
  plugin.on_init([](const warden::Host& host, const json::value&) {
    if (!warden::PathScope::available(host))
      throw std::runtime_error("this host has no " WARDEN_EXT_PATH_SCOPE ", which fs needs to judge and open paths");
    watches = std::make_shared<fsp::WatchLoop>();
  });
  plugin.on_shutdown([] {
    if (watches) watches->stop();
    watches.reset();
  });

  // Whole files and folders, by path.
  command(plugin, "read_file", [](const json::value& a, warden::Context& ctx) { return fsp::read_file(a, access_of(ctx)); });
  command(plugin, "read_text_file", [](const json::value& a, warden::Context& ctx) { return fsp::read_file(a, access_of(ctx)); });
  command(plugin, "write_file", [](const json::value& a, warden::Context& ctx) { write_command(a, ctx); });
  command(plugin, "write_text_file", [](const json::value& a, warden::Context& ctx) { write_command(a, ctx); });
  command(plugin, "read_dir", [](const json::value& a, warden::Context& ctx) { return fsp::read_dir(a, access_of(ctx)); });
  command(plugin, "mkdir", [](const json::value& a, warden::Context& ctx) { fsp::mkdir(a, access_of(ctx)); });
  command(plugin, "remove", [](const json::value& a, warden::Context& ctx) { fsp::remove(a, access_of(ctx)); });
  command(plugin, "rename", [](const json::value& a, warden::Context& ctx) { fsp::rename(a, access_of(ctx)); });
  command(plugin, "copy_file", [](const json::value& a, warden::Context& ctx) { fsp::copy_file(a, access_of(ctx)); });
  command(plugin, "truncate", [](const json::value& a, warden::Context& ctx) { fsp::truncate(a, access_of(ctx)); });
  command(plugin, "exists", [](const json::value& a, warden::Context& ctx) { return fsp::exists(a, access_of(ctx)); });
  command(plugin, "size", [](const json::value& a, warden::Context& ctx) { return fsp::size(a, access_of(ctx)); });
  command(plugin, "stat", [](const json::value& a, warden::Context& ctx) { return fsp::stat_path(a, access_of(ctx), true); });
  command(plugin, "lstat", [](const json::value& a, warden::Context& ctx) { return fsp::stat_path(a, access_of(ctx), false); });

  // Open files (FileHandle), by resource id.
  command(plugin, "open", [](const json::value& a, warden::Context& ctx) {
    return ctx.add_resource(fsp::OpenFile::open(a, access_of(ctx)));
  });
  command(plugin, "create", [](const json::value& a, warden::Context& ctx) {
    return ctx.add_resource(fsp::OpenFile::create(a, access_of(ctx)));
  });
  command(plugin, "read", [](const json::value& a, warden::Context& ctx) {
    return warden::Bytes(resource_arg<fsp::OpenFile>(a, ctx, "an open file")->read(fsp::unsigned_arg(a, "len")));
  });
  command(plugin, "write", [](const json::value& a, warden::Context& ctx) {
    auto file = resource_arg<fsp::OpenFile>(a, ctx, "an open file");
    if (ctx.has_body()) return file->write(ctx.body());
    return file->write(fsp::bytes_arg(a, "data"));
  });
  command(plugin, "seek", [](const json::value& a, warden::Context& ctx) {
    auto whence = fsp::unsigned_arg(a, "whence");
    return resource_arg<fsp::OpenFile>(a, ctx, "an open file")->seek(fsp::signed_arg(a, "offset"), static_cast<int>(std::min<std::uint64_t>(whence, 3)));
  });
  command(plugin, "fstat", [](const json::value& a, warden::Context& ctx) {
    return resource_arg<fsp::OpenFile>(a, ctx, "an open file")->stat();
  });
  command(plugin, "ftruncate", [](const json::value& a, warden::Context& ctx) {
    std::uint64_t len = 0;
    if (const auto* v = fsp::object_arg(a).if_contains("len"); v && !v->is_null()) len = fsp::unsigned_arg(a, "len");
    resource_arg<fsp::OpenFile>(a, ctx, "an open file")->truncate(len);
  });

  // readTextFileLines: a line reader resource, then one line per call.
  command(plugin, "read_text_file_lines", [](const json::value& a, warden::Context& ctx) {
    return ctx.add_resource(fsp::LineReader::open(a, access_of(ctx)));
  });
  command(plugin, "read_text_file_lines_next", [](const json::value& a, warden::Context& ctx) {
    auto reader = resource_arg<fsp::LineReader>(a, ctx, "a line reader");
    auto line = reader->next();
    if (line.size() == 1 && line[0] == 1) ctx.close_resource(fsp::rid_arg(a));  // the page drops it at the end
    return warden::Bytes(std::move(line));
  });

  // watch / watchImmediate: events stream through the page's Channel until the watch's
  // resource is closed (the function watch() returns) or unwatch.
  command(plugin, "watch", [](const json::value& a, warden::Context& ctx) {
    const auto& options = fsp::options_arg(a);
    const auto* paths = fsp::object_arg(a).if_contains("paths");
    if (!paths || !paths->is_array() || paths->get_array().empty())
      throw std::invalid_argument("argument 'paths' must be a non-empty array of paths");
    fsp::WatchRequest request;
    fsp::Access access = access_of(ctx);
    for (const auto& p : paths->get_array()) {
      json::value one = json::object{{"path", p}, {"options", options}};
      // No deny check below the path here: each event is judged against the call's scope,
      // deny included, before it is sent (watch_loop.cpp).
      request.paths.push_back(fsp::scoped_arg(one, "path", "baseDir", fsp::Reach::target, access).full());
    }
    request.recursive = fsp::bool_option(options, "recursive").value_or(false);
    request.delay_ms = fsp::unsigned_option(options, "delayMs");
    request.in_scope = scope_check(ctx.host(), std::string(ctx.scopes_json()));
    auto channel = std::make_shared<warden::Channel>(ctx.open_channel(fsp::string_arg(a, "onEvent")));
    request.send = [channel](const json::value& event) { channel->send(event); };
    if (!watches) throw std::runtime_error("the fs plugin is not initialised");
    std::shared_ptr<fsp::Watch> watch = watches->watch(std::move(request));
    return ctx.add_resource(watch);
  });
  command(plugin, "unwatch", [](const json::value& a, warden::Context& ctx) {
    resource_arg<fsp::Watch>(a, ctx, "a watch");
    ctx.close_resource(fsp::rid_arg(a));
  }, 0);
}
