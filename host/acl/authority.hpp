#pragma once
// The runtime authority: answers "may this caller run this command, and with which
// scopes?" from an immutable ResolvedAcl snapshot. Capabilities can be added or revoked
// while the app runs: a new ACL is resolved and swapped in atomically; a check in flight
// keeps the snapshot it started with (its Decision holds it).
#include <atomic>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "acl/capability.hpp"
#include "acl/manifest_set.hpp"
#include "acl/resolved_acl.hpp"

namespace warden::acl {

enum class Verdict {
  allowed,
  unknown_command,   // no capability grants or denies the command at all
  denied,            // a deny entry applies to this caller
  not_granted_here,  // granted, but not to this window/webview/origin
};

struct Decision {
  Verdict verdict = Verdict::unknown_command;
  bool allowed() const noexcept { return verdict == Verdict::allowed; }
  const char* reason() const noexcept;

  std::shared_ptr<const ResolvedAcl> acl;  // keeps the pointers below alive
  const CommandGrant* denied_by = nullptr;  // the deny that applied
  // The command scopes of every grant that allowed the call (grants without scope add none),
  // and the global-scope grants of the command's plugin from capabilities that apply to the caller.
  boost::container::small_vector<const Scopes*, 4> command_scopes;
  boost::container::small_vector<const Scopes*, 4> global_scopes;
  std::size_t matching_grants = 0;
};

// Same ACL, same answer; shared by Authority and `warden acl check`.
Decision decide(std::shared_ptr<const ResolvedAcl> acl, std::string_view command, std::string_view window,
                std::string_view webview, const Origin& origin);

class Authority {
 public:
  // Fixed inputs: only replace() changes the ACL.
  explicit Authority(std::shared_ptr<const ResolvedAcl> acl);
  // Editable: add_capability()/revoke_capability() re-resolve against the same manifests.
  Authority(std::shared_ptr<const ManifestSet> manifests, std::vector<Capability> capabilities, Target target);

  // Lock-free for readers apart from the shared_ptr load; does not allocate.
  Decision check(std::string_view command, std::string_view window, std::string_view webview,
                 const Origin& origin) const;

  std::shared_ptr<const ResolvedAcl> snapshot() const { return acl_.load(std::memory_order_acquire); }
  // Installs a new ACL. A thread that checked with the old one keeps it alive (in its
  // snapshot cache) until its next check.
  void replace(std::shared_ptr<const ResolvedAcl> acl);

  // Throws Error (and changes nothing) when the result does not resolve, or without manifests.
  void add_capability(Capability capability);
  // False when no capability has that identifier.
  bool revoke_capability(std::string_view identifier);
  // Replaces the capability with the same identifier, or adds it: one resolution, one swap (a
  // runtime grant that grows does not pass through an ACL without it). Throws as add_capability.
  void put_capability(Capability capability);

 private:
  std::atomic<std::shared_ptr<const ResolvedAcl>> acl_;
  // Every installed ACL gets a process-wide unique generation. A check compares it with its
  // thread's cached snapshot and only reloads the atomic shared_ptr (a lock and two
  // reference-count updates) after a swap: the common path costs one relaxed-cost load.
  std::atomic<std::uint64_t> generation_{0};
  const std::shared_ptr<const ResolvedAcl>& current() const;
  void install(std::shared_ptr<const ResolvedAcl> acl);  // caller holds edit_
  std::mutex edit_;  // serializes add/revoke; readers never take it
  std::shared_ptr<const ManifestSet> manifests_;
  std::vector<Capability> capabilities_;
  Target target_ = Target::linux;
};

}  // namespace warden::acl
