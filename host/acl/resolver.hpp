#pragma once
// Resolution: plugin manifests + capabilities + target platform -> compiled ACL.
//
// Each permission entry of a capability (a permission, a set, "<plugin>:default") becomes
// one grant per plugin it reaches: the allowed and denied commands of its permissions that
// are active on the target, with one command scope merging all their scopes and the
// entry's own allow/deny. A grant that names no command adds its scope to the plugin's
// global scope. Commands get one entry per capability context (local, each remote URL).
#include <memory>
#include <vector>

#include "acl/capability.hpp"
#include "acl/manifest_set.hpp"
#include "acl/resolved_acl.hpp"

namespace warden::acl {

// Throws Error for an unknown plugin or identifier (naming the closest ones), a cycle
// among sets (naming it), duplicate capability identifiers, or a bad glob or URL pattern.
std::shared_ptr<const ResolvedAcl> resolve_acl(const ManifestSet& manifests,
                                               const std::vector<Capability>& capabilities,
                                               Target target);

// One permission reached from a capability entry, and the chain of sets that led to it.
struct ReachedPermission {
  std::string plugin;
  const Permission* permission = nullptr;
  std::vector<std::string> path;  // e.g. {"fs:read", "fs:allow-read-dir"}
};

// Every permission an entry reaches (active or not on any target), in order, without
// duplicates; `plugins` lists every plugin reached, even through inactive permissions.
struct Expansion {
  std::vector<ReachedPermission> permissions;
  std::vector<std::string> plugins;
};
Expansion expand_entry(const ManifestSet& manifests, const PermissionEntry& entry,
                       const std::string& capability);

}  // namespace warden::acl
