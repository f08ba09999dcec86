#pragma once
// The compiled, immutable result of resolution: for each command, the grants that allow
// or deny it and where (which capability's windows, webviews and origin), with the scopes
// to hand to the command; and each plugin's global scope, kept per capability so a call
// only receives the global scope of capabilities that apply to its caller.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/object.hpp>

#include "acl/error.hpp"
#include "acl/permission_file.hpp"
#include "acl/target.hpp"
#include "acl/url_pattern.hpp"
#include "acl/window_glob.hpp"

namespace warden::acl {

// Where a call comes from: the app's own frontend, or a remote page (its URL as the host
// saw it, never as the message claims).
struct Origin {
  std::optional<std::string_view> remote_url;  // nullopt: local
  static Origin local() { return {}; }
  static Origin remote(std::string_view url) { return {url}; }
};

// One capability, compiled: its label globs and origin patterns.
struct CompiledCapability {
  std::string identifier;
  ErrorLocation where;
  std::vector<WindowGlob> windows;
  std::vector<WindowGlob> webviews;
  bool local = true;
  std::vector<UrlPattern> remote;
  std::vector<std::string> exact_origins;  // Capability::exact_origins

  // As in Tauri: a window label OR a webview label match places the caller.
  bool matches_labels(std::string_view window, std::string_view webview) const noexcept;
  // Any of the capability's contexts matches the origin.
  bool matches_origin(const Origin& origin) const noexcept;
};

inline constexpr std::int32_t kLocalContext = -1;

// One allowed or denied entry of a command: one capability, one context.
struct CommandGrant {
  std::uint32_t capability = 0;           // index into ResolvedAcl::capabilities
  std::int32_t context = kLocalContext;   // kLocalContext, or index into that capability's remote
  std::shared_ptr<const Scopes> scope;    // the grant's command scope; null when it has none
  std::string entry;                      // the capability's permission entry, e.g. "fs:read"
  std::vector<std::string> via;           // the permissions naming this command, e.g. "fs:allow-read-dir"
};

// A permission entry that names no command: its scope goes to the plugin's global scope.
struct GlobalGrant {
  std::uint32_t capability = 0;
  std::string entry;
  Scopes scope;
};

struct CommandRules {
  std::string plugin;  // kAppManifest ("") for app commands
  std::vector<CommandGrant> allowed;
  std::vector<CommandGrant> denied;
  const std::vector<GlobalGrant>* global = nullptr;  // the plugin's global grants, if any
};

// Heterogeneous lookup: a check looks a command up by string_view without allocating.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

class ResolvedAcl {
 public:
  Target target = Target::linux;
  std::vector<CompiledCapability> capabilities;
  std::unordered_map<std::string, CommandRules, StringHash, std::equal_to<>> commands;
  std::map<std::string, std::vector<GlobalGrant>, std::less<>> global_scopes;  // by plugin

  // Through the lookup index: valid after seal().
  const CommandRules* find(std::string_view command) const noexcept;
  // The grant's capability places the caller and its context matches the origin.
  bool applies(const CommandGrant& grant, std::string_view window, std::string_view webview,
               const Origin& origin) const noexcept;
  // Call once when filled: links each command to its plugin's global grants and builds the
  // lookup index. Nothing may change afterwards.
  void seal();

 private:
  // Open addressing over the (stable) map nodes: a power-of-two table probed linearly, with
  // the full hash kept per slot. Cheaper than the map's own lookup (no modulo, no chain
  // walk), which matters on the check path.
  struct IndexSlot {
    std::size_t hash = 0;
    std::string_view key;
    const CommandRules* rules = nullptr;
  };
  std::vector<IndexSlot> index_;
  std::size_t mask_ = 0;
};

// "plugin:fs|read_dir", or the bare name for app commands.
std::string command_key(std::string_view plugin, std::string_view command);
// The plugin of a command key ("" for app commands).
std::string_view plugin_of(std::string_view command_key);

// The format of conformance/README.md (allowed_commands, denied_commands, global_scope,
// each entry with context, windows, webviews and scope), plus under other keys: target,
// capabilities, and who granted each entry (`grants`).
boost::json::object to_json(const ResolvedAcl& acl);
// A single scope as {"allow": [...], "deny": [...]}.
boost::json::object to_json(const Scopes& scope);

}  // namespace warden::acl
