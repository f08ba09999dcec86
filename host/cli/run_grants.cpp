#include "cli/run_grants.hpp"

#include <future>
#include <mutex>

#include <boost/json.hpp>

#include "log/log.hpp"
#include "plugin/path_grants.hpp"
#include "plugin/path_scope.hpp"
#include "webview/asset_scheme.hpp"

namespace warden::cli {
namespace json = boost::json;

namespace {

// A grant that came too late for the run: refused, and audited like every other refusal.
plugin::GrantOutcome refused_at_shutdown(const plugin::GrantRequest& r) {
  const char* why = "the app is shutting down";
  log::grant({r.plugin, r.caller.window, r.caller.webview, r.caller.origin, r.scope, r.path, r.recursive, false, why});
  return {0, why};
}

}  // namespace

struct RunGrants::State {
  std::mutex mutex;
  bool alive = true;
  std::shared_ptr<acl::WindowGrants> grants;
  std::unique_ptr<plugin::PathGrants> judge;
  std::unique_ptr<plugin::MainThreadService::PluginCallbacks> main_thread;
  webview::AssetProtocolConfig asset;
  plugin::PathEnvironment paths;

  // [main-thread]
  plugin::GrantOutcome grant_here(const plugin::GrantRequest& r) {
    {
      std::lock_guard lock(mutex);
      if (!alive) return refused_at_shutdown(r);
    }
    return judge->grant(r);
  }
};

namespace {

struct PendingGrant {
  std::shared_ptr<RunGrants::State> state;
  plugin::GrantRequest request;
  std::promise<plugin::GrantOutcome> done;
};

// A grant from another thread waits for the main thread. The service runs every callback it
// accepted, even at shutdown, so the wait ends; once it refuses, the grant is refused.
plugin::GrantOutcome grant_on_main_thread(const std::shared_ptr<RunGrants::State>& s, const plugin::GrantRequest& r) {
  if (s->main_thread->on_main_thread() == 1) return s->grant_here(r);
  auto* pending = new PendingGrant{s, r, {}};
  auto answer = pending->done.get_future();
  int accepted = s->main_thread->request(
      +[](void* data) {
        std::unique_ptr<PendingGrant> p(static_cast<PendingGrant*>(data));
        p->done.set_value(p->state->grant_here(p->request));
      },
      pending);
  if (accepted != 0) {
    delete pending;
    return refused_at_shutdown(r);
  }
  return answer.get();
}

}  // namespace

RunGrants::RunGrants(plugin::AppHooks& hooks, const AppConfig& config, const plugin::PathEnvironment& paths,
                     std::shared_ptr<acl::Authority> authority, const webview::WindowSet& windows,
                     plugin::MainThreadService& main_thread)
    : state_(std::make_shared<State>()) {
  state_->grants = std::make_shared<acl::WindowGrants>(std::move(authority));
  state_->asset = config.asset_protocol;
  state_->paths = paths;
  plugin::PathGrantSettings settings;
  settings.config_file = config.file.string();
  settings.allowed = config.acl.plugin_grants;
  settings.asset_protocol = config.asset_protocol.enabled;
  settings.paths = paths;
  settings.caller_present = [&windows](const plugin::Caller& c) {
    const webview::AppWindow* w = windows.find(c.window);
    return w && w->open() && windows.page_of(c.webview) == c.page;
  };
  state_->judge = std::make_unique<plugin::PathGrants>(std::move(settings), state_->grants);
  state_->main_thread = main_thread.plugin_callbacks("warden.grants");
  hooks.grant_path = [s = state_](const plugin::GrantRequest& r) { return grant_on_main_thread(s, r); };
}

RunGrants::~RunGrants() {
  {
    std::lock_guard lock(state_->mutex);
    state_->alive = false;
  }
  state_->main_thread->close();  // a grant still waiting is answered (refused) now
}

void RunGrants::window_closed(const std::string& label) { state_->grants->forget_window(label); }

bool RunGrants::asset_in_scope(const runtime::Caller& caller, const std::string& path) const {
  const auto& asset = state_->asset;
  if (!asset.enabled) return false;
  plugin::GlobOptions globs{asset.require_literal_leading_dot};
  auto allowed = [&](const json::value& scope) {
    return plugin::path_in_scope(path, scope, state_->paths, globs) == plugin::ScopeDecision::allowed;
  };
  bool local = caller.origin == webview::kAppOrigin;
  auto granted = state_->grants->asset_patterns(caller.window, local, caller.origin);
  // Every asset request comes here: the config's scope is copied only for a window that holds grants.
  if (granted.empty()) return allowed(asset.scope);
  json::value scope = asset.scope;
  auto& allow = scope.as_object()["allow"];
  if (!allow.is_array()) allow = json::array();
  for (auto& p : granted) allow.as_array().emplace_back(p);
  return allowed(scope);
}

}  // namespace warden::cli
