#pragma once
// The paths granted to one window while the app runs (warden.grants/1, docs/grants.md), kept per
// window label and calling origin:
//   fs     a capability the host synthesizes for that window and origin (identifier
//          "warden:grant-<n>", which no capability file may use), whose only content is a global
//          scope entry of the fs plugin. It changes through Authority::put_capability, the
//          authority's atomic swap, so a check in flight keeps the ACL it started with. Being a
//          global scope it widens only what the window's own capabilities already let it run,
//          and any deny of those capabilities still wins.
//   asset  a list of patterns the asset scheme allows to that window and origin besides the
//          config's scope (the config's deny entries still win).
// Grants of one window and origin are coalesced into one capability (one list), and each window
// holds at most `limit` patterns per scope: a page cannot make the host re-resolve without bound.
// A grant goes with its window: forget_window drops it when the window closes, so another window
// opened later under the same label starts without it.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acl/authority.hpp"

namespace warden::acl {

// Whom a grant reaches: a window label and the origin its page had when it asked.
struct GrantHolder {
  std::string window;
  std::optional<std::string> remote_origin;  // nullopt: the app's own pages; else serialized, matched exactly
};

class WindowGrants {
 public:
  static constexpr std::size_t kDefaultLimit = 1024;

  // `authority` must be editable (built from manifests and capabilities).
  explicit WindowGrants(std::shared_ptr<Authority> authority, std::size_t limit = kDefaultLimit);

  // [any-thread] Adds `patterns` (path scope entries) to the fs plugin's global scope for the
  // holder. nullopt when granted (also when every pattern was granted already); else why not:
  // the limit reached, or the ACL did not resolve (nothing changed then).
  std::optional<std::string> grant_fs(const GrantHolder& holder, const std::vector<std::string>& patterns);
  // [any-thread] The same for the asset scheme's list.
  std::optional<std::string> grant_asset(const GrantHolder& holder, const std::vector<std::string>& patterns);

  // [any-thread] The asset patterns granted to a caller in `window` whose origin is `origin`
  // (serialized; `local` for the app's own pages).
  std::vector<std::string> asset_patterns(std::string_view window, bool local, std::string_view origin) const;

  // [any-thread] The window closed: its grants are dropped (the fs ones through one swap each).
  void forget_window(std::string_view window);

  // How many patterns `window` holds in each scope.
  std::size_t fs_count(std::string_view window) const;
  std::size_t asset_count(std::string_view window) const;

 private:
  struct Key {
    std::string window;
    std::optional<std::string> origin;
    auto operator<=>(const Key&) const = default;
  };
  struct FsGrant {
    std::string identifier;
    std::vector<std::string> patterns;
  };

  Capability capability_for(const Key& key, const FsGrant& grant) const;
  static std::size_t count(const std::map<Key, FsGrant>& table, std::string_view window);
  static std::size_t count(const std::map<Key, std::vector<std::string>>& table, std::string_view window);
  std::optional<std::string> over_limit(std::size_t held, std::size_t adding, std::string_view scope) const;

  std::shared_ptr<Authority> authority_;
  std::size_t limit_;
  mutable std::mutex mutex_;
  std::map<Key, FsGrant> fs_;
  std::map<Key, std::vector<std::string>> asset_;
  std::size_t next_id_ = 1;
};

// `label` as a window glob that matches only itself ('*', '?' and '[' as one-member classes).
std::string literal_window_glob(std::string_view label);

}  // namespace warden::acl
