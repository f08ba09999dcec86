/*
 * Warden plugin SDK, C++ wrapper (header-only) over the C ABI in plugin.h.
 *
 *   #include <warden/plugin.hpp>
 *
 *   struct PingArgs { std::string value; };
 *   BOOST_DESCRIBE_STRUCT(PingArgs, (), (value))       // or a tag_invoke value_to overload
 *
 *   WARDEN_PLUGIN(plugin) {
 *     plugin.command("ping", [](const PingArgs& args) {
 *       return boost::json::object{{"value", args.value}};
 *     });
 *   }
 *
 * Commands are lambdas. Their first parameter is the arguments, converted from the call's JSON
 * with boost::json::value_to (so a struct, a boost::json::object, ...), optionally followed by a
 * `warden::Context&` (caller, scopes, binary body, host services, deferred completion); or only
 * a Context&, or nothing. The return value is the result: anything boost::json::value_from
 * converts, `warden::Bytes` for a binary result, void for null. A command that calls
 * ctx.defer() completes later through the returned warden::Completion instead.
 *
 * Large payloads: arguments taken by value are moved in, a `boost::json::object` (or value)
 * parameter is the parsed document itself, and a returned JSON value is moved, not copied.
 *
 * Every C++ exception is caught at the boundary: in a command it becomes the call's error
 * (its what()), in the init hook an init failure, in the definition a NULL entry (refused).
 * The plugin name and version come from WARDEN_PLUGIN_NAME / WARDEN_PLUGIN_VERSION, which
 * warden_add_plugin() defines, so they always match the manifest section.
 *
 * Host services beyond the core are extensions (plugin.h). The wrapper's methods query them
 * (ctx.open_channel: warden.channels/1, ctx.add_resource: warden.resources/1, host.emit:
 * warden.events/1, ctx.command_scopes: warden.command-scopes/1, host.resolve_path and
 * path_in_scope: warden.path-scope/1); on a host that lacks one, the method throws
 * warden::MissingExtension naming it (in a command: the call fails with that message). Declare
 * what a plugin uses with warden_add_plugin(... USES_EXTENSIONS ...). Any other extension:
 * `host.extension<warden_host_x>(WARDEN_EXT_X)` (NULL when absent). A plugin offers its own with
 * `plugin.offer_extension(id, &vtable)`; `plugin.init_script(...)` offers warden.init-script/1.
 */
#ifndef WARDEN_PLUGIN_HPP
#define WARDEN_PLUGIN_HPP

#include <cstdint>
#include <cstdio>
#include <exception>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <stdexcept>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include <boost/describe.hpp>
#include <boost/json.hpp>

#include "warden/ext/channels.h"
#include "warden/ext/command_scopes.h"
#include "warden/ext/events.h"
#include "warden/ext/init_script.h"
#include "warden/ext/path_scope.h"
#include "warden/ext/resources.h"
#include "warden/plugin.h"

namespace warden {

// A binary result.
using Bytes = std::vector<std::uint8_t>;

namespace detail {

// What the JSON text of `v` takes at least, if no string needs escapes.
inline std::size_t json_size_hint(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::string: return v.get_string().size() + 2;
    case boost::json::kind::object: {
      std::size_t n = 2;
      for (const auto& member : v.get_object()) n += member.key().size() + 4 + json_size_hint(member.value());
      return n;
    }
    case boost::json::kind::array: {
      std::size_t n = 2;
      for (const auto& element : v.get_array()) n += 1 + json_size_hint(element);
      return n;
    }
    default: return 24;  // a number, true, false or null
  }
}

// JSON text of `v`. Boost.JSON's serializer copies a string in bulk only when the whole string fits
// the buffer it is given; split across reads it goes character by character, and
// boost::json::serialize always splits (measured on a 16 MiB string: 54 ms, here 7 ms). So the
// buffer starts at the expected size.
inline std::string to_json_text(const boost::json::value& v) {
  boost::json::serializer writer;
  writer.reset(&v);
  std::string out;
  out.resize(json_size_hint(v) + 64);
  std::size_t used = 0;
  while (!writer.done()) {
    if (used == out.size()) out.resize(out.size() * 2);
    used += writer.read(out.data() + used, out.size() - used).size();
  }
  out.resize(used);
  return out;
}

}  // namespace detail

// Thrown by a wrapper method whose host extension this host lacks; what() names the extension
// and the host, e.g. "this host (warden 0.9.0) lacks the extension warden.channels/1".
class MissingExtension : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The host's services (plugin.h: warden_host), valid from init until shutdown returns.
class Host {
 public:
  Host() = default;
  explicit Host(const warden_host* host) : host_(host) {}

  // Who runs the plugin: "warden" and its release; "" before init.
  std::string_view name() const { return host_ && host_->host_name ? host_->host_name : ""; }
  std::string_view version() const { return host_ && host_->host_version ? host_->host_version : ""; }

  // The host's extension `id` as its struct T (e.g. warden_host_channels), or null when the host
  // lacks it or hands out an older, smaller revision than T. Any thread.
  template <class T>
  const T* extension(const char* id) const {
    if (!host_ || !host_->get_extension) return nullptr;
    const T* ext = static_cast<const T*>(host_->get_extension(host_, id));
    if (!ext || ext->struct_size < sizeof(T)) return nullptr;
    return ext;
  }
  // The same, or throws MissingExtension naming it.
  template <class T>
  const T& require(const char* id) const {
    if (const T* ext = extension<T>(id)) return *ext;
    throw MissingExtension("this host (" + std::string(host_ ? name() : "none") + " " + std::string(version()) +
                           ") lacks the extension " + id);
  }

  void log(warden_log_level level, const std::string& message) const {
    if (host_ && host_->log) host_->log(host_, level, message.c_str());
  }
  void info(const std::string& m) const { log(WARDEN_LOG_INFO, m); }
  void warn(const std::string& m) const { log(WARDEN_LOG_WARN, m); }
  void error(const std::string& m) const { log(WARDEN_LOG_ERROR, m); }

  // Takes a string the host transferred ([transferred: release with host->free_string]).
  std::optional<std::string> take_string(char* s) const {
    if (!s) return std::nullopt;
    std::string out(s);
    host_->free_string(host_, s);
    return out;
  }

  // "$APPDATA/x" -> absolute path; nullopt for an unknown variable (warden.path-scope/1).
  std::optional<std::string> resolve_path(const std::string& path) const {
    const auto& ps = require<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
    return take_string(ps.resolve_path(host_, path.c_str()));
  }

  // Whether the canonical absolute `path` is in the scopes (the request's scopes_json, or one
  // {"allow", "deny"} object). Malformed scopes count as not allowed (warden.path-scope/1).
  bool path_in_scope(const std::string& path, const std::string& scopes_json) const {
    const auto& ps = require<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
    return ps.path_in_scope(host_, path.c_str(), scopes_json.c_str()) == 1;
  }

  // Emits an event to one window, or to all when `window` is empty. false when refused
  // (warden.events/1).
  bool emit(const std::string& event, const boost::json::value& payload, const std::string& window = {}) const {
    const auto& events = require<warden_host_events>(WARDEN_EXT_EVENTS);
    std::string text = detail::to_json_text(payload);
    return events.emit(host_, event.c_str(), text.c_str(), window.empty() ? nullptr : window.c_str()) == 0;
  }

  const warden_host* raw() const { return host_; }

 private:
  const warden_host* host_ = nullptr;
};

// Thrown by a command whose arguments a scope does not allow (a path, program or URL outside
// what the capability granted). The message is the detail for the audit log: name what was
// refused and which scope would allow it. The page sees it only in debug builds; in release
// builds it gets a generic error, so it cannot map the scopes by probing (warden_host::reject_scope).
class ScopeRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The completion of one call, owned by one piece of code at a time (move-only). Completing a
// second time does nothing. If it is destroyed without being completed, it rejects the call
// ("the command dropped its completion"), so a call never hangs because of a lost handle.
// Any thread.
class Completion {
 public:
  Completion() = default;
  Completion(const warden_host* host, warden_call* call) : host_(host), call_(call) {}
  Completion(Completion&& o) noexcept : host_(o.host_), call_(std::exchange(o.call_, nullptr)) {}
  Completion& operator=(Completion&& o) noexcept {
    if (this != &o) {
      reject("the command dropped its completion without completing the call");
      host_ = o.host_;
      call_ = std::exchange(o.call_, nullptr);
    }
    return *this;
  }
  Completion(const Completion&) = delete;
  Completion& operator=(const Completion&) = delete;
  ~Completion() { reject("the command dropped its completion without completing the call"); }

  // An rvalue (a returned boost::json::object, say) is moved into the JSON value, not copied.
  template <class T>
  void resolve(T&& value) {
    if (!call_) return;
    std::string text;
    try {
      text = detail::to_json_text(boost::json::value_from(std::forward<T>(value)));
    } catch (const std::exception& e) {
      reject(std::string("cannot convert the result to JSON: ") + e.what());
      return;
    }
    host_->resolve_json(std::exchange(call_, nullptr), text.data(), text.size());
  }
  void resolve_bytes(std::span<const std::uint8_t> bytes) {
    if (!call_) return;
    host_->resolve_bytes(std::exchange(call_, nullptr), bytes.data(), bytes.size());
  }
  void reject(const std::string& message) {
    if (!call_) return;
    host_->reject(std::exchange(call_, nullptr), message.c_str());
  }
  // Refuses the call because a scope does not allow it; `detail` goes to the host's audit log,
  // the page sees a generic error in release builds (see warden_host::reject_scope).
  void reject_scope(const std::string& detail) {
    if (!call_) return;
    host_->reject_scope(std::exchange(call_, nullptr), detail.c_str());
  }
  bool pending() const { return call_ != nullptr; }
  // Gives up the handle without completing it (someone else completes the call).
  void release() { call_ = nullptr; }

 private:
  const warden_host* host_ = nullptr;
  warden_call* call_ = nullptr;
};

// An open channel to the page (a @tauri-apps/api `Channel` passed as an argument). Move-only;
// ends the channel when destroyed. Any thread; one Channel may be shared behind a shared_ptr.
class Channel {
 public:
  Channel() = default;
  Channel(const warden_host* host, const warden_host_channels* ext, warden_channel* channel)
      : host_(host), ext_(ext), channel_(channel) {}
  Channel(Channel&& o) noexcept : host_(o.host_), ext_(o.ext_), channel_(std::exchange(o.channel_, nullptr)) {}
  Channel& operator=(Channel&& o) noexcept {
    if (this != &o) {
      close();
      host_ = o.host_;
      ext_ = o.ext_;
      channel_ = std::exchange(o.channel_, nullptr);
    }
    return *this;
  }
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;
  ~Channel() { close(); }

  // Sends one message; false when the channel is closed or the value cannot be sent.
  bool send(const boost::json::value& message) const {
    if (!channel_) return false;
    std::string text = detail::to_json_text(message);
    return ext_->channel_send(host_, channel_, text.data(), text.size()) == 0;
  }
  // Ends the channel (the page's Channel sees its end). Later sends return false.
  void close() {
    if (channel_) ext_->channel_close(host_, std::exchange(channel_, nullptr));
  }
  explicit operator bool() const { return channel_ != nullptr; }

 private:
  const warden_host* host_ = nullptr;
  const warden_host_channels* ext_ = nullptr;
  warden_channel* channel_ = nullptr;
};

// What a command sees of its call. The request data stays valid until the call completes.
class Context {
 public:
  Context(const Host& host, const warden_request* request) : host_(host), request_(request) {}

  const Host& host() const { return host_; }
  std::string_view command() const { return request_->command; }
  std::string_view args_json() const { return {request_->args_json, request_->args_json_size}; }
  bool has_body() const { return request_->body != nullptr; }
  std::span<const std::uint8_t> body() const { return {request_->body, request_->body_size}; }
  std::string_view window() const { return request_->caller->window; }
  std::string_view webview() const { return request_->caller->webview; }
  std::string_view origin() const { return request_->caller->origin; }
  std::string_view scopes_json() const { return request_->scopes_json; }
  // The C request, for extensions whose functions take the call (request()->call).
  const warden_request* request() const { return request_; }
  // {"command": {"allow", "deny"}|null, "global": {...}|null}
  boost::json::value scopes() const { return boost::json::parse(request_->scopes_json); }
  // The host's path check against this call's scopes (command and global, deny wins).
  bool path_in_scope(const std::string& path) const { return host_.path_in_scope(path, request_->scopes_json); }

  // The scopes this caller would be granted for `command`, another command of this plugin (the
  // shape of scopes_json()); nullopt when it may not run that command or the host cannot tell
  // (warden.command-scopes/1).
  std::optional<std::string> command_scopes(std::string_view command) const {
    const auto& ext = host_.require<warden_host_command_scopes>(WARDEN_EXT_COMMAND_SCOPES);
    std::string name(command);
    return host_.take_string(ext.command_scopes(request_->call, name.c_str()));
  }

  // Opens the channel that an argument names ("__CHANNEL__:<id>", what a @tauri-apps/api
  // Channel becomes in JSON), bound to the calling webview. Call it before completing the call.
  // Throws std::invalid_argument when `reference` is not a channel (warden.channels/1).
  Channel open_channel(std::string_view reference) const {
    const auto& ext = host_.require<warden_host_channels>(WARDEN_EXT_CHANNELS);
    std::string ref(reference);
    warden_channel* ch = ext.channel_open(request_->call, ref.c_str());
    if (!ch) throw std::invalid_argument("'" + ref + "' is not a channel");
    return Channel(host_.raw(), &ext, ch);
  }

  // Adds `object` as a resource of the caller (its page and frame origin) and returns its id
  // (what Tauri calls a ResourceId: the page refers to it by number and may close it with
  // plugin:resources|close). The table keeps a reference until the resource is closed or the
  // caller's page goes away. Throws when the host refuses it (that page is already gone)
  // (warden.resources/1).
  template <class T>
  std::uint32_t add_resource(std::shared_ptr<T> object) const {
    const auto& ext = resources();
    auto* held = new ResourceHolder{&typeid(T), std::static_pointer_cast<void>(std::move(object))};
    std::uint32_t rid = 0;
    if (ext.resource_add(request_->call, held, &ResourceHolder::close, &rid) != 0 || rid == 0)
      throw std::runtime_error("the host refused the resource");
    return rid;
  }
  // The resource `rid` of the caller (its page and frame origin), when this plugin added it with
  // type T; else null.
  template <class T>
  std::shared_ptr<T> resource(std::uint32_t rid) const {
    auto* held = static_cast<ResourceHolder*>(resources().resource_get(request_->call, rid));
    if (!held || *held->type != typeid(T)) return nullptr;
    return std::static_pointer_cast<T>(held->object);
  }
  // Removes the resource `rid` of the caller; false when it has none by that id.
  bool close_resource(std::uint32_t rid) const {
    return resources().resource_close(request_->call, rid) == 0;
  }

  // Takes over the completion: the command's return value is then ignored and the call
  // completes when the returned handle is completed (from any thread).
  Completion defer() {
    deferred_ = true;
    return Completion(host_.raw(), request_->call);
  }
  bool deferred() const { return deferred_; }

 private:
  struct ResourceHolder {
    const std::type_info* type;
    std::shared_ptr<void> object;
    static void close(void* p) noexcept { delete static_cast<ResourceHolder*>(p); }
  };
  const warden_host_resources& resources() const {
    return host_.require<warden_host_resources>(WARDEN_EXT_RESOURCES);
  }

  Host host_;
  const warden_request* request_;
  bool deferred_ = false;
};

namespace detail {

template <class T>
struct callable_traits : callable_traits<decltype(&T::operator())> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) const> {
  using result = R;
  using args = std::tuple<A...>;
};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) const noexcept> : callable_traits<R (C::*)(A...) const> {};
template <class C, class R, class... A>
struct callable_traits<R (C::*)(A...) noexcept> : callable_traits<R (C::*)(A...)> {};
template <class R, class... A>
struct callable_traits<R (*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
};

template <class T>
using bare = std::remove_cvref_t<T>;

}  // namespace detail

// The definition of a plugin: its commands, optional init/shutdown hooks and init script. Built once, by
// the WARDEN_PLUGIN body, before the host calls init.
class Plugin {
 public:
  using Handler = std::function<void(Context&, Completion&)>;
  using InitHook = std::function<void(const Host&, const boost::json::value& config)>;
  using ShutdownHook = std::function<void()>;

  Plugin(std::string name, std::string version) : name_(std::move(name)), version_(std::move(version)) {}
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;

  // Registers a command; see the header comment for the lambda's shapes.
  template <class F>
  Plugin& command(std::string name, F f, std::uint32_t flags = 0) {
    commands_[name] = Entry{flags, make_handler(std::move(f))};
    return *this;
  }
  // Runs at init with the config (plugins.<name> of the app config). Throw to refuse loading.
  Plugin& on_init(InitHook hook) {
    init_ = std::move(hook);
    return *this;
  }
  Plugin& on_shutdown(ShutdownHook hook) {
    shutdown_ = std::move(hook);
    return *this;
  }
  // JavaScript the host runs in every frame of every webview at document start, after its
  // bridge (Tauri's js_init_script). `make` runs once, after init; an empty string means none.
  // It runs for every origin without a permission check: only what any page may know.
  Plugin& init_script(std::function<std::string()> make) {
    init_script_ = std::move(make);
    return offer_extension(WARDEN_EXT_INIT_SCRIPT, &init_script_extension_);
  }
  // Offers the plugin extension `id` (warden_plugin::get_extension); `vtable` [plugin-owned]
  // must stay valid until unload (static storage) and start with its struct_size. Declare it
  // with warden_add_plugin(... OFFERS_EXTENSIONS id): the host refuses a plugin that declares
  // an id it does not answer.
  Plugin& offer_extension(std::string id, const void* vtable) {
    offered_[std::move(id)] = vtable;
    return *this;
  }
  const Host& host() const { return host_; }

  // The C descriptor; built once the definition is complete.
  const warden_plugin* descriptor() {
    table_.clear();
    pointers_.clear();
    table_.reserve(commands_.size());
    for (auto& [name, entry] : commands_)
      table_.push_back(warden_command{sizeof(warden_command), name.c_str(), &Plugin::invoke, entry.flags});
    for (auto& c : table_) pointers_.push_back(&c);
    desc_ = warden_plugin{};
    desc_.struct_size = sizeof(warden_plugin);
    desc_.abi_version = WARDEN_ABI_VERSION;
    desc_.name = name_.c_str();
    desc_.version = version_.c_str();
    desc_.commands = pointers_.data();
    desc_.command_count = pointers_.size();
    desc_.init = &Plugin::init;
    desc_.shutdown = &Plugin::shutdown;
    desc_.get_extension = &Plugin::get_extension;
    current() = this;
    return &desc_;
  }

 private:
  struct Entry {
    std::uint32_t flags;
    Handler handler;
  };

  template <class F>
  static Handler make_handler(F f) {
    using traits = detail::callable_traits<F>;
    using Args = typename traits::args;
    using R = typename traits::result;
    return [f = std::move(f)](Context& ctx, Completion& done) mutable {
      if constexpr (std::tuple_size_v<Args> == 0) {
        finish<R>(ctx, done, [&] { return f(); });
      } else {
        using First = detail::bare<std::tuple_element_t<0, Args>>;
        if constexpr (std::is_same_v<First, Context>) {
          static_assert(std::tuple_size_v<Args> == 1, "a command taking Context& takes nothing else");
          finish<R>(ctx, done, [&] { return f(ctx); });
        } else {
          // Moved into the call: a command taking its arguments by value owns them without a copy.
          First args = convert_args<First>(ctx);
          if constexpr (std::tuple_size_v<Args> == 1) {
            finish<R>(ctx, done, [&] { return f(std::move(args)); });
          } else {
            static_assert(std::is_same_v<detail::bare<std::tuple_element_t<1, Args>>, Context>,
                          "the second parameter of a command must be warden::Context&");
            finish<R>(ctx, done, [&] { return f(std::move(args), ctx); });
          }
        }
      }
    };
  }

  template <class T>
  static T convert_args(Context& ctx) {
    // The parser's working memory starts on the stack: most calls' arguments fit, and then parsing
    // them allocates only the resulting value.
    unsigned char scratch[2048];
    boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), scratch, sizeof scratch);
    boost::system::error_code ec;
    parser.write(ctx.args_json().data(), ctx.args_json().size(), ec);
    if (ec) throw std::invalid_argument("arguments are not valid JSON: " + ec.message());
    boost::json::value v = parser.release();
    if constexpr (std::is_same_v<T, boost::json::value>) {
      return v;
    } else if constexpr (std::is_same_v<T, boost::json::object>) {
      // The parsed object itself, not a copy (the call's JSON is always an object).
      if (!v.is_object()) throw std::invalid_argument("arguments must be a JSON object");
      return std::move(v.get_object());
    } else {
      try {
        return boost::json::value_to<T>(v);
      } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("invalid arguments for command '") + std::string(ctx.command()) +
                                    "': " + e.what());
      }
    }
  }

  template <class R, class Call>
  static void finish(Context& ctx, Completion& done, Call&& call) {
    if constexpr (std::is_void_v<R>) {
      call();
      if (!ctx.deferred()) done.resolve(nullptr);
    } else {
      R result = call();
      if (ctx.deferred()) return;
      if constexpr (std::is_same_v<detail::bare<R>, Bytes>) done.resolve_bytes(result);
      else done.resolve(std::move(result));
    }
  }

  static Plugin*& current() {
    static Plugin* p = nullptr;
    return p;
  }

  static warden_status init(const warden_host* host, const char* config_json, void** state, char* error,
                            std::size_t error_size) noexcept {
    Plugin* self = current();
    *state = self;
    try {
      self->host_ = Host(host);
      boost::json::value config = boost::json::parse(config_json ? config_json : "{}");
      if (self->init_) self->init_(self->host_, config);
      return WARDEN_OK;
    } catch (const std::exception& e) {
      if (error && error_size) std::snprintf(error, error_size, "%s", e.what());
    } catch (...) {
      if (error && error_size) std::snprintf(error, error_size, "%s", "init failed with an unknown exception");
    }
    return WARDEN_ERROR;
  }

  static void shutdown(void* state) noexcept {
    auto* self = static_cast<Plugin*>(state);
    try {
      if (self && self->shutdown_) self->shutdown_();
    } catch (const std::exception& e) {
      self->host_.error(std::string("shutdown failed: ") + e.what());
    } catch (...) {
    }
  }

  static const void* get_extension(const warden_plugin*, const char* id) noexcept {
    Plugin* self = current();
    if (!self || !id) return nullptr;
    auto it = self->offered_.find(std::string_view(id));
    return it == self->offered_.end() ? nullptr : it->second;
  }

  static const char* make_init_script(void* state) noexcept {
    auto* self = static_cast<Plugin*>(state);
    try {
      if (!self || !self->init_script_) return nullptr;
      self->script_ = self->init_script_();
      return self->script_.empty() ? nullptr : self->script_.c_str();
    } catch (const std::exception& e) {
      self->host_.error(std::string("init_script failed: ") + e.what());
    } catch (...) {
    }
    return nullptr;
  }

  static void invoke(void* state, const warden_request* request) noexcept {
    auto* self = static_cast<Plugin*>(state);
    Completion done(self->host_.raw(), request->call);
    try {
      Context ctx(self->host_, request);
      auto it = self->commands_.find(request->command);
      if (it == self->commands_.end()) {
        done.reject(std::string("unknown command '") + request->command + "'");
        return;
      }
      try {
        it->second.handler(ctx, done);
      } catch (...) {
        // A deferred call belongs to the Completion the command took: it completes it (or
        // rejects it when dropped); `done` must not complete it a second time.
        if (ctx.deferred()) done.release();
        throw;
      }
      if (ctx.deferred()) done.release();
    } catch (const ScopeRefused& e) {
      done.reject_scope(e.what());
    } catch (const std::exception& e) {
      done.reject(e.what());
    } catch (...) {
      done.reject("the command failed with an unknown exception");
    }
  }

  std::string name_, version_;
  std::map<std::string, Entry, std::less<>> commands_;
  InitHook init_;
  ShutdownHook shutdown_;
  std::function<std::string()> init_script_;
  std::string script_;
  static constexpr warden_plugin_init_script init_script_extension_{sizeof(warden_plugin_init_script),
                                                                    &Plugin::make_init_script};
  std::map<std::string, const void*, std::less<>> offered_;
  Host host_;
  std::vector<warden_command> table_;
  std::vector<const warden_command*> pointers_;
  warden_plugin desc_{};
};

namespace detail {

inline const warden_plugin* entry(std::uint32_t host_abi, const char* name, const char* version,
                                  void (*define)(Plugin&)) noexcept {
  if (host_abi != WARDEN_ABI_VERSION) return nullptr;
  try {
    static Plugin plugin(name, version);
    static const warden_plugin* desc = [&] {
      define(plugin);
      return plugin.descriptor();
    }();
    return desc;
  } catch (...) {
    return nullptr;
  }
}

}  // namespace detail
}  // namespace warden

#ifndef WARDEN_PLUGIN_NAME
#error "WARDEN_PLUGIN_NAME is not defined: build the plugin with warden_add_plugin() or define it"
#endif
#ifndef WARDEN_PLUGIN_VERSION
#error "WARDEN_PLUGIN_VERSION is not defined: build the plugin with warden_add_plugin() or define it"
#endif

// Defines the plugin: `WARDEN_PLUGIN(p) { p.command(...); }`. The body runs once, when the host
// first calls the entry point.
#define WARDEN_PLUGIN(var)                                                                          \
  static void warden_define_plugin_(::warden::Plugin& var);                                         \
  extern "C" WARDEN_EXPORT const warden_plugin* warden_plugin_entry(uint32_t host_abi_version) {    \
    return ::warden::detail::entry(host_abi_version, WARDEN_PLUGIN_NAME, WARDEN_PLUGIN_VERSION,    \
                                   &warden_define_plugin_);                                         \
  }                                                                                                 \
  static void warden_define_plugin_(::warden::Plugin& var)

#endif /* WARDEN_PLUGIN_HPP */
