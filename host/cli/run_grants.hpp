#pragma once
// warden.grants/1 in `warden run` (docs/grants.md): fills AppHooks::grant_path with the run's
// judgment (plugin/path_grants.hpp) over the run's authority and windows, and answers the asset
// scheme with the config's scope joined with what was granted to the asking window. A grant is
// judged and made on the main thread, where windows close: a grant cannot slip in after its
// window closed and reach the next window of that label. The hook refuses once this object is
// gone, so it must be declared after the windows and the authority it refers to.
#include <memory>
#include <string>

#include "acl/authority.hpp"
#include "acl/window_grants.hpp"
#include "cli/app_config.hpp"
#include "plugin/app_hooks.hpp"
#include "plugin/main_thread_service.hpp"
#include "plugin/path_variables.hpp"
#include "runtime/caller.hpp"
#include "webview/window_set.hpp"

namespace warden::cli {

class RunGrants {
 public:
  RunGrants(plugin::AppHooks& hooks, const AppConfig& config, const plugin::PathEnvironment& paths,
            std::shared_ptr<acl::Authority> authority, const webview::WindowSet& windows,
            plugin::MainThreadService& main_thread);
  ~RunGrants();
  RunGrants(const RunGrants&) = delete;
  RunGrants& operator=(const RunGrants&) = delete;

  // [main-thread] Window `label` closed: what it was granted goes with it.
  void window_closed(const std::string& label);
  // [main-thread] Whether the asset scheme serves the canonical `path` to `caller`: the config's
  // scope, plus the patterns granted to the caller's window and origin (the config's deny and the
  // host-private folders still win).
  bool asset_in_scope(const runtime::Caller& caller, const std::string& path) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace warden::cli
