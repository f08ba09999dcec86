#include "acl/window_grants.hpp"

#include <algorithm>

namespace warden::acl {

std::string literal_window_glob(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c == '*' || c == '?' || c == '[') out += std::string{'[', c, ']'};
    else out += c;
  }
  return out;
}

namespace {

// Adds the patterns `to` does not hold yet; returns how many are new.
std::size_t new_patterns(const std::vector<std::string>& to, const std::vector<std::string>& patterns) {
  std::size_t n = 0;
  for (const auto& p : patterns)
    if (std::find(to.begin(), to.end(), p) == to.end()) ++n;
  return n;
}

void append_new(std::vector<std::string>& to, const std::vector<std::string>& patterns) {
  for (const auto& p : patterns)
    if (std::find(to.begin(), to.end(), p) == to.end()) to.push_back(p);
}

}  // namespace

WindowGrants::WindowGrants(std::shared_ptr<Authority> authority, std::size_t limit)
    : authority_(std::move(authority)), limit_(limit) {}

std::size_t WindowGrants::count(const std::map<Key, FsGrant>& table, std::string_view window) {
  std::size_t n = 0;
  for (const auto& [key, grant] : table)
    if (key.window == window) n += grant.patterns.size();
  return n;
}

std::size_t WindowGrants::count(const std::map<Key, std::vector<std::string>>& table, std::string_view window) {
  std::size_t n = 0;
  for (const auto& [key, patterns] : table)
    if (key.window == window) n += patterns.size();
  return n;
}

std::optional<std::string> WindowGrants::over_limit(std::size_t held, std::size_t adding, std::string_view scope) const {
  if (held + adding <= limit_) return std::nullopt;
  return "window already holds " + std::to_string(held) + " granted " + std::string(scope) +
         " path patterns; at most " + std::to_string(limit_) + " per window in one run";
}

Capability WindowGrants::capability_for(const Key& key, const FsGrant& grant) const {
  Capability cap;
  cap.identifier = grant.identifier;
  cap.description = "paths granted at run time to window '" + key.window + "' (warden.grants/1)";
  cap.windows = {literal_window_glob(key.window)};
  cap.local = !key.origin;
  if (key.origin) cap.exact_origins = {*key.origin};
  cap.where = {"runtime grant", std::nullopt, ""};
  Scopes scope;
  for (const auto& p : grant.patterns) scope.allow.emplace_back(p);
  cap.granted_scopes.push_back({"fs", std::move(scope)});
  return cap;
}

std::optional<std::string> WindowGrants::grant_fs(const GrantHolder& holder, const std::vector<std::string>& patterns) {
  std::lock_guard lock(mutex_);
  Key key{holder.window, holder.remote_origin};
  auto found = fs_.find(key);
  std::size_t adding = found == fs_.end() ? patterns.size() : new_patterns(found->second.patterns, patterns);
  if (adding == 0) return std::nullopt;
  if (auto refused = over_limit(count(fs_, holder.window), adding, "fs")) return refused;
  FsGrant next = found == fs_.end() ? FsGrant{std::string(kReservedCapabilityPrefix) + "grant-" + std::to_string(next_id_), {}}
                                    : found->second;
  append_new(next.patterns, patterns);
  try {
    authority_->put_capability(capability_for(key, next));
  } catch (const std::exception& e) {
    return std::string("the ACL with this grant did not resolve: ") + e.what();
  }
  if (found == fs_.end()) ++next_id_;
  fs_[key] = std::move(next);
  return std::nullopt;
}

std::optional<std::string> WindowGrants::grant_asset(const GrantHolder& holder, const std::vector<std::string>& patterns) {
  std::lock_guard lock(mutex_);
  Key key{holder.window, holder.remote_origin};
  auto found = asset_.find(key);
  std::size_t adding = found == asset_.end() ? patterns.size() : new_patterns(found->second, patterns);
  if (adding == 0) return std::nullopt;
  if (auto refused = over_limit(count(asset_, holder.window), adding, "asset")) return refused;
  append_new(asset_[key], patterns);
  return std::nullopt;
}

std::vector<std::string> WindowGrants::asset_patterns(std::string_view window, bool local, std::string_view origin) const {
  std::lock_guard lock(mutex_);
  Key key{std::string(window), local ? std::nullopt : std::optional<std::string>(origin)};
  auto it = asset_.find(key);
  return it == asset_.end() ? std::vector<std::string>{} : it->second;
}

void WindowGrants::forget_window(std::string_view window) {
  std::lock_guard lock(mutex_);
  for (auto it = fs_.begin(); it != fs_.end();) {
    if (it->first.window != window) {
      ++it;
      continue;
    }
    authority_->revoke_capability(it->second.identifier);
    it = fs_.erase(it);
  }
  std::erase_if(asset_, [&](const auto& entry) { return entry.first.window == window; });
}

std::size_t WindowGrants::fs_count(std::string_view window) const {
  std::lock_guard lock(mutex_);
  return count(fs_, window);
}

std::size_t WindowGrants::asset_count(std::string_view window) const {
  std::lock_guard lock(mutex_);
  return count(asset_, window);
}

}  // namespace warden::acl
