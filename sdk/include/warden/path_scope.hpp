#pragma once
// C++ face of warden.path-scope/1 (warden/ext/path_scope.h): ask the host where a path leads and
// whether this call may reach it, then open exactly the path it judged with warden/scoped_file.hpp.
//
//   warden::PathScope scope(ctx);                    // throws when the host lacks the extension
//   std::string file = scope.check("/home/u/x.txt");  // canonical, or throws warden::ScopeRefused
//   warden::FileDescriptor fd = warden::open_scoped(file, O_RDONLY);
//
// A ScopeRefused thrown out of a command reaches the page as a scope refusal (plugin.hpp): the
// reason goes to the audit log, the page gets only "refused by scope" in release builds.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "ext/path_scope.h"
#include "plugin.hpp"

namespace warden {

class PathScope {
 public:
  // The host's path-scope service for the call of `ctx`. Throws warden::MissingExtension when the
  // host has no warden.path-scope/1 (a plugin that needs it may check available() in init).
  explicit PathScope(const Context& ctx)
      : host_(ctx.host().raw()),
        call_(ctx.request()->call),
        api_(&ctx.host().require<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE)) {}

  // The extension's vtable, or NULL when `host` lacks it (or hands out a smaller revision).
  static const warden_host_path_scope* of(const warden_host* host) {
    return Host(host).extension<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
  }
  static bool available(const Host& host) { return of(host.raw()) != nullptr; }

  // The canonical path the host judged allowed under the call's scopes (or `scopes_json`, any
  // {"allow": [...], "deny": [...]} object). Throws ScopeRefused with the host's reason (for the
  // audit log) when it is denied, cannot be resolved or the input is malformed: deny when unsure.
  std::string check(const std::string& path, const char* scopes_json = nullptr) const {
    char* canonical = nullptr;
    char* reason = nullptr;
    int r = api_->check_path(call_, path.c_str(), scopes_json, &canonical, &reason);
    Owned c(canonical, host_), why(reason, host_);
    if (r == 1 && c) return std::string(c.get());
    throw ScopeRefused(why ? std::string(why.get()) : "'" + path + "' is out of scope");
  }

  // Whether `path` is allowed by the call's scopes (or `scopes_json`); false when unsure.
  bool allows(const std::string& path, const char* scopes_json = nullptr) const {
    char* canonical = nullptr;
    int r = api_->check_path(call_, path.c_str(), scopes_json, &canonical, nullptr);
    Owned c(canonical, host_);
    return r == 1;
  }

  // Where `path` leads (the canonical path check() would judge), judged by no one; nullopt when
  // it cannot be resolved.
  std::optional<std::string> canonical(const std::string& path) const { return canonical_of(host_, path); }
  static std::optional<std::string> canonical_of(const warden_host* host, const std::string& path) {
    const warden_host_path_scope* api = of(host);
    if (!api) return std::nullopt;
    Owned c(api->canonical_path(host, path.c_str()), host);
    if (!c) return std::nullopt;
    return std::string(c.get());
  }

  // "$APPDATA/x" expanded to an absolute path; nullopt for an unknown variable.
  static std::optional<std::string> resolve(const Host& host, const std::string& path) {
    const warden_host_path_scope* api = of(host.raw());
    if (!api) return std::nullopt;
    Owned c(api->resolve_path(host.raw(), path.c_str()), host.raw());
    if (!c) return std::nullopt;
    return std::string(c.get());
  }

  // The predicate with any scopes and no call (a save long after its call): the path is
  // canonicalized and judged as check() does, the canonical path is not returned.
  static bool in_scope(const Host& host, const std::string& path, const std::string& scopes_json) {
    const warden_host_path_scope* api = of(host.raw());
    return api && api->path_in_scope(host.raw(), path.c_str(), scopes_json.c_str()) == 1;
  }

 private:
  // A string the host handed over, released with its free_string.
  struct Release {
    const warden_host* host;
    void operator()(char* s) const {
      if (s) host->free_string(host, s);
    }
  };
  struct Owned : std::unique_ptr<char, Release> {
    Owned(char* s, const warden_host* host) : std::unique_ptr<char, Release>(s, Release{host}) {}
  };

  const warden_host* host_;
  warden_call* call_;
  const warden_host_path_scope* api_;
};

}  // namespace warden
