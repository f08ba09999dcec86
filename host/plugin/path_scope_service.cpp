#include "plugin/path_scope_service.hpp"

#include <cstdlib>
#include <cstring>
#include <string_view>

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

#include "plugin/call.hpp"
#include "plugin/canonical_path.hpp"
#include "plugin/host_services.hpp"
#include "plugin/path_scope.hpp"
#include "plugin/utf8_text.hpp"
#include "warden/ext/path_scope.h"

namespace warden::plugin {
namespace {

const HostServices* services_of(const warden_host* host) {
  return HostServices::from(host);
}

// A copy the plugin releases with free_string (std::free).
char* transferred(const std::string& s) { return ::strdup(s.c_str()); }

char* resolve_path(const warden_host* host, const char* path) {
  const HostServices* h = services_of(host);
  if (!h || !path || !is_utf8(path)) return nullptr;
  try {
    auto p = plugin::resolve_path(path, h->options().paths);
    if (!p || !is_utf8(p->native())) return nullptr;
    return transferred(p->native());
  } catch (...) {
    return nullptr;
  }
}

int path_in_scope(const warden_host* host, const char* path, const char* scopes_json) {
  const HostServices* h = services_of(host);
  if (!h || !path || !scopes_json) return -1;
  try {
    boost::system::error_code ec;
    boost::json::value scopes = boost::json::parse(scopes_json, ec);
    if (ec) return -1;
    switch (plugin::path_in_scope(path, scopes, h->options().paths, h->options().globs)) {
      case ScopeDecision::allowed: return 1;
      case ScopeDecision::denied: return 0;
      case ScopeDecision::malformed: return -1;
    }
  } catch (...) {
  }
  return -1;
}

// check_path's judgment; `reason` set for anything but allowed.
PathJudgment judge(warden_call* call, const char* path, const char* scopes_json) {
  const CallRequest* request = pending_request(call);
  if (!request) return {ScopeDecision::malformed, {}, "check_path: the call has already completed"};
  const HostServices* h = request->services;
  if (!h) return {ScopeDecision::malformed, {}, "check_path: this call has no plugin services"};
  if (!path || path[0] != '/' || !is_utf8(path))
    return {ScopeDecision::malformed, {}, "check_path: the path must be absolute UTF-8 text"};
  const std::string& text = scopes_json ? std::string(scopes_json) : request->scopes_json;
  boost::system::error_code ec;
  boost::json::value scopes = boost::json::parse(text, ec);
  if (ec) return {ScopeDecision::malformed, {}, "check_path: the scopes are not JSON: " + ec.message()};
  return judge_path(path, scopes, h->options().paths, h->options().globs);
}

int check_path(warden_call* call, const char* path, const char* scopes_json, char** canonical, char** reason) {
  if (canonical) *canonical = nullptr;
  if (reason) *reason = nullptr;
  try {
    PathJudgment j = judge(call, path, scopes_json);
    if (j.decision == ScopeDecision::allowed) {
      if (!is_utf8(j.canonical)) j = {ScopeDecision::denied, {}, "the canonical path is not UTF-8"};
      else if (canonical) *canonical = transferred(j.canonical);
    }
    if (j.decision != ScopeDecision::allowed && reason) *reason = transferred(j.reason);
    switch (j.decision) {
      case ScopeDecision::allowed: return 1;
      case ScopeDecision::denied: return 0;
      case ScopeDecision::malformed: return -1;
    }
  } catch (const std::exception& e) {
    spdlog::error("path-scope check_path failed: {}", e.what());
  } catch (...) {
  }
  if (canonical && *canonical) std::free(std::exchange(*canonical, nullptr));
  return -1;
}

char* canonical_path(const warden_host* host, const char* path) {
  if (!services_of(host) || !path || path[0] != '/' || !is_utf8(path)) return nullptr;
  try {
    auto c = plugin::canonical_path(path);
    if (!c || !is_utf8(*c)) return nullptr;
    return transferred(*c);
  } catch (...) {
    return nullptr;
  }
}

constexpr warden_host_path_scope kPathScope{
    sizeof(warden_host_path_scope), resolve_path, path_in_scope, check_path, canonical_path,
};

}  // namespace

const void* path_scope_extension() { return &kPathScope; }

}  // namespace warden::plugin
