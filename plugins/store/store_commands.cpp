// The store plugin: the commands @tauri-apps/plugin-store 2.x invokes (plugin:store|load, set,
// get, ...; docs/plugins/store.md). Stores are JSON files in the app data folder ($APPDATA); a
// page refers to a store by a resource id of its own webview, and hears of changes through the
// `store://change` event, sent to the windows that hold the store with their own resource id.
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

#include <warden/path_scope.hpp>
#include <warden/plugin.hpp>

#include "store.hpp"
#include "store_collection.hpp"
#include "store_options.hpp"
#include "store_name.hpp"
#include "store_quota.hpp"

namespace sp = warden::store_plugin;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<sp::StoreCollection>& collection() {
  static std::shared_ptr<sp::StoreCollection> c;
  return c;
}

// A path-scope pattern that matches exactly the absolute `path`: its glob characters written as
// one-character classes ("a*b" -> "a[*]b").
std::string literal_path_pattern(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '*' || c == '?' || c == '[') out += std::string("[") + c + "]";
    else out += c;
  }
  return out;
}

// The host's answers about store files (warden.path-scope/1).
sp::HostPaths host_paths(const warden::Host& host) {
  sp::HostPaths paths;
  paths.canonical = [host](const std::string& path) { return warden::PathScope::canonical_of(host.raw(), path); };
  // The host's own judgment of each store file, exactly that file: a scope of one literal path.
  paths.reachable = [host](const std::string& file) {
    json::object scope{{"allow", json::array{json::value(literal_path_pattern(file))}}};
    return warden::PathScope::in_scope(host, file, json::serialize(scope));
  };
  return paths;
}

sp::StoreCollection& stores() {
  auto& c = collection();
  if (!c) throw std::runtime_error("the store plugin is not initialised");
  return *c;
}

// What a webview's resource id stands for: its hold on one open store.
struct StoreHandle {
  std::shared_ptr<sp::StoreCollection> owner;
  std::shared_ptr<sp::Store> store;
  fs::path file;
  std::uint64_t holder = 0;
  StoreHandle() = default;
  StoreHandle(const StoreHandle&) = delete;
  StoreHandle& operator=(const StoreHandle&) = delete;
  ~StoreHandle() {
    if (owner) owner->release(file, holder);
  }
};

const json::object& object_args(const json::value& args) {
  if (!args.is_object()) throw std::invalid_argument("arguments must be an object");
  return args.get_object();
}

std::string string_arg(const json::value& args, const char* name) {
  const json::value* v = object_args(args).if_contains(name);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("'") + name + "' must be a string");
  return std::string(v->get_string());
}

std::uint32_t rid_arg(const json::value& args) {
  const json::value* v = object_args(args).if_contains("rid");
  if (v && v->is_int64() && v->get_int64() > 0 && v->get_int64() <= std::numeric_limits<std::uint32_t>::max())
    return static_cast<std::uint32_t>(v->get_int64());
  if (v && v->is_uint64() && v->get_uint64() <= std::numeric_limits<std::uint32_t>::max())
    return static_cast<std::uint32_t>(v->get_uint64());
  throw std::invalid_argument("'rid' must be a store's resource id (a positive integer)");
}

// A store name refused for where it leads is a scope refusal: the audit log gets the detail (which
// names the app's folders), a page in a release build only that the scope refused.
fs::path store_file(const json::value& args) {
  std::string name = string_arg(args, "path");
  try {
    return stores().resolve(name);
  } catch (const sp::StorePathRefused& e) {
    throw warden::ScopeRefused(e.what());
  }
}

std::shared_ptr<StoreHandle> handle_for(const json::value& args, warden::Context& ctx) {
  std::uint32_t rid = rid_arg(args);
  auto handle = ctx.resource<StoreHandle>(rid);
  if (!handle)
    throw std::invalid_argument("no store is open as resource " + std::to_string(rid) +
                                " in this webview (load it first; it may have been closed)");
  return handle;
}

// A resource id this webview already holds for `file`, 0 when none is still open.
std::uint32_t open_resource(const fs::path& file, warden::Context& ctx) {
  for (std::uint32_t rid : stores().resource_ids(file, ctx.webview())) {
    auto handle = ctx.resource<StoreHandle>(rid);
    if (handle && handle->file == file) return rid;
  }
  return 0;
}

std::uint32_t add_handle(const fs::path& file, const sp::StoreOptions& options, warden::Context& ctx) {
  auto opened = stores().open(file, options, std::string(ctx.window()), std::string(ctx.webview()));
  auto handle = std::make_shared<StoreHandle>();
  handle->owner = collection();
  handle->store = opened.store;
  handle->file = file;
  handle->holder = opened.holder;
  std::uint32_t rid = ctx.add_resource(std::move(handle));
  stores().set_resource_id(file, opened.holder, rid);
  return rid;
}

json::value load(const json::value& args, warden::Context& ctx) {
  fs::path file = store_file(args);
  const json::value* options_json = object_args(args).if_contains("options");
  sp::StoreOptions options = sp::parse_store_options(options_json ? *options_json : json::value(nullptr));
  if (!options.create_new)
    if (std::uint32_t rid = open_resource(file, ctx)) return rid;
  return add_handle(file, options, ctx);
}

json::value get_store(const json::value& args, warden::Context& ctx) {
  fs::path file = store_file(args);
  if (!stores().is_open(file)) return nullptr;
  if (std::uint32_t rid = open_resource(file, ctx)) return rid;
  return add_handle(file, sp::StoreOptions{}, ctx);
}

json::value get_value(const json::value& args, warden::Context& ctx) {
  auto value = handle_for(args, ctx)->store->get(string_arg(args, "key"));
  return json::array{value ? *value : json::value(nullptr), value.has_value()};
}

json::value set_value(const json::value& args, warden::Context& ctx) {
  auto handle = handle_for(args, ctx);
  std::string key = string_arg(args, "key");
  const json::value* value = args.get_object().if_contains("value");
  if (!value) throw std::invalid_argument("'value' is missing (undefined is not a JSON value; use null)");
  handle->store->set(key, *value);
  return nullptr;
}

json::value entries(const json::value& args, warden::Context& ctx) {
  json::array out;
  for (auto& entry : handle_for(args, ctx)->store->entries()) out.push_back(json::array{entry.first, entry.second});
  return out;
}

json::value reload(const json::value& args, warden::Context& ctx) {
  auto handle = handle_for(args, ctx);
  const json::value* ignore = args.get_object().if_contains("ignoreDefaults");
  if (ignore && !ignore->is_null() && !ignore->is_bool()) throw std::invalid_argument("'ignoreDefaults' must be a boolean");
  handle->store->reload(ignore && ignore->is_bool() && ignore->get_bool());
  return nullptr;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    sp::StoreLimits limits = sp::parse_store_limits(config);
    if (!warden::PathScope::available(host))
      throw std::runtime_error("this host has no " WARDEN_EXT_PATH_SCOPE ", which the store needs to place its files");
    auto root = warden::PathScope::resolve(host, "$APPDATA");
    if (!root || root->empty() || root->front() != '/')
      throw std::runtime_error("cannot resolve the app data folder ($APPDATA)");
    collection() = sp::StoreCollection::create(
        *root,
        [host](const json::value& payload, const std::string& window) { host.emit(sp::change_event, payload, window); },
        [host](const std::string& message) { host.error("store: " + message); }, host_paths(host), limits);
  });
  plugin.on_shutdown([] {
    if (auto c = collection()) {
      c->stop_auto_save();
      c->save_all_dirty();
    }
    collection().reset();
  });

  const std::uint32_t blocking = WARDEN_COMMAND_BLOCKING;
  plugin.command("load", [](const json::value& a, warden::Context& ctx) { return load(a, ctx); }, blocking);
  plugin.command("get_store", [](const json::value& a, warden::Context& ctx) { return get_store(a, ctx); }, blocking);
  plugin.command("set", [](const json::value& a, warden::Context& ctx) { return set_value(a, ctx); });
  plugin.command("get", [](const json::value& a, warden::Context& ctx) { return get_value(a, ctx); });
  plugin.command("has", [](const json::value& a, warden::Context& ctx) {
    return handle_for(a, ctx)->store->has(string_arg(a, "key"));
  });
  plugin.command("delete", [](const json::value& a, warden::Context& ctx) {
    return handle_for(a, ctx)->store->erase(string_arg(a, "key"));
  });
  plugin.command("clear", [](const json::value& a, warden::Context& ctx) { handle_for(a, ctx)->store->clear(); });
  plugin.command("reset", [](const json::value& a, warden::Context& ctx) { handle_for(a, ctx)->store->reset(); });
  plugin.command("keys", [](const json::value& a, warden::Context& ctx) {
    return json::value_from(handle_for(a, ctx)->store->keys());
  });
  plugin.command("values", [](const json::value& a, warden::Context& ctx) {
    auto values = handle_for(a, ctx)->store->values();
    return json::array(values.begin(), values.end());
  });
  plugin.command("entries", [](const json::value& a, warden::Context& ctx) { return entries(a, ctx); });
  plugin.command("length", [](const json::value& a, warden::Context& ctx) {
    return static_cast<std::uint64_t>(handle_for(a, ctx)->store->length());
  });
  plugin.command("reload", [](const json::value& a, warden::Context& ctx) { return reload(a, ctx); }, blocking);
  plugin.command("save", [](const json::value& a, warden::Context& ctx) { handle_for(a, ctx)->store->save(); }, blocking);
}
