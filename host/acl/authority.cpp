#include "acl/authority.hpp"

#include <algorithm>

#include "acl/resolver.hpp"

namespace warden::acl {

const char* Decision::reason() const noexcept {
  switch (verdict) {
    case Verdict::allowed: return "allowed";
    case Verdict::unknown_command: return "no capability grants this command";
    case Verdict::denied: return "a capability that applies to this caller denies this command";
    case Verdict::not_granted_here: return "this command is granted, but not to this window, webview or origin";
  }
  return "denied";
}

Decision decide(std::shared_ptr<const ResolvedAcl> acl, std::string_view command, std::string_view window,
                std::string_view webview, const Origin& origin) {
  Decision d;
  d.acl = std::move(acl);
  if (!d.acl) return d;
  const ResolvedAcl& a = *d.acl;
  const CommandRules* rules = a.find(command);
  if (!rules) return d;
  for (const auto& deny : rules->denied) {
    if (a.applies(deny, window, webview, origin)) {
      d.verdict = Verdict::denied;
      d.denied_by = &deny;
      return d;
    }
  }
  for (const auto& grant : rules->allowed) {
    if (!a.applies(grant, window, webview, origin)) continue;
    ++d.matching_grants;
    if (grant.scope) d.command_scopes.push_back(grant.scope.get());
  }
  if (d.matching_grants == 0) {
    d.verdict = rules->allowed.empty() ? Verdict::unknown_command : Verdict::not_granted_here;
    return d;
  }
  d.verdict = Verdict::allowed;
  if (rules->global) {
    for (const auto& g : *rules->global) {
      const auto& cap = a.capabilities[g.capability];
      if (!g.scope.empty() && cap.matches_origin(origin) && cap.matches_labels(window, webview))
        d.global_scopes.push_back(&g.scope);
    }
  }
  return d;
}

namespace {

std::atomic<std::uint64_t> next_generation{1};

}  // namespace

Authority::Authority(std::shared_ptr<const ResolvedAcl> acl) { install(std::move(acl)); }

void Authority::replace(std::shared_ptr<const ResolvedAcl> acl) {
  std::lock_guard lock(edit_);
  install(std::move(acl));
}

void Authority::install(std::shared_ptr<const ResolvedAcl> acl) {
  // Store the ACL before publishing its generation: a reader that sees the new generation
  // loads at least this ACL.
  acl_.store(std::move(acl), std::memory_order_release);
  generation_.store(next_generation.fetch_add(1, std::memory_order_relaxed), std::memory_order_release);
}

const std::shared_ptr<const ResolvedAcl>& Authority::current() const {
  struct Cache {
    std::uint64_t generation = 0;
    std::shared_ptr<const ResolvedAcl> acl;
  };
  thread_local Cache cache;
  std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (cache.generation != generation) {
    cache.acl = acl_.load(std::memory_order_acquire);
    cache.generation = generation;
  }
  return cache.acl;
}

Authority::Authority(std::shared_ptr<const ManifestSet> manifests, std::vector<Capability> capabilities, Target target)
    : manifests_(std::move(manifests)), capabilities_(std::move(capabilities)), target_(target) {
  install(resolve_acl(*manifests_, capabilities_, target_));
}

Decision Authority::check(std::string_view command, std::string_view window, std::string_view webview,
                          const Origin& origin) const {
  return decide(current(), command, window, webview, origin);
}

void Authority::add_capability(Capability capability) {
  std::lock_guard lock(edit_);
  if (!manifests_) throw Error(ErrorKind::not_editable, {}, "this authority was built from a fixed ACL; it cannot add capabilities");
  auto next = capabilities_;
  next.push_back(std::move(capability));
  auto acl = resolve_acl(*manifests_, next, target_);  // throws before anything changes
  capabilities_ = std::move(next);
  install(std::move(acl));
}

void Authority::put_capability(Capability capability) {
  std::lock_guard lock(edit_);
  if (!manifests_) throw Error(ErrorKind::not_editable, {}, "this authority was built from a fixed ACL; it cannot add capabilities");
  auto next = capabilities_;
  auto same = std::find_if(next.begin(), next.end(), [&](const Capability& c) { return c.identifier == capability.identifier; });
  if (same != next.end()) *same = std::move(capability);
  else next.push_back(std::move(capability));
  auto acl = resolve_acl(*manifests_, next, target_);  // throws before anything changes
  capabilities_ = std::move(next);
  install(std::move(acl));
}

bool Authority::revoke_capability(std::string_view identifier) {
  std::lock_guard lock(edit_);
  if (!manifests_) return false;
  auto it = std::find_if(capabilities_.begin(), capabilities_.end(),
                         [&](const Capability& c) { return c.identifier == identifier; });
  if (it == capabilities_.end()) return false;
  auto next = capabilities_;
  next.erase(next.begin() + (it - capabilities_.begin()));
  auto acl = resolve_acl(*manifests_, next, target_);
  capabilities_ = std::move(next);
  install(std::move(acl));
  return true;
}

}  // namespace warden::acl
