// warden.app-lifecycle/1 through a plugin's real HostServices: each function answers what the
// run's hook answers; outside a run (no hooks, or a hook not filled in) each refuses.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "plugin/host_services.hpp"
#include "warden/ext/app_lifecycle.h"

using namespace warden::plugin;

namespace {

struct Seen {
  int exits = 0;
  int last_code = -100;
  int restarts = 0;
};

HostOptions run_options(Seen* seen, int answer) {
  HostOptions o;
  o.app = std::make_shared<AppHooks>();
  o.app->exit = [seen, answer](int code) {
    ++seen->exits;
    seen->last_code = code;
    return answer;
  };
  o.app->restart = [seen, answer] {
    ++seen->restarts;
    return answer;
  };
  o.app->launch_command = [] {
    return std::optional<std::vector<std::string>>({"/usr/bin/warden", "run", "/apps/a \"b\"", "--plugins", "/p"});
  };
  return o;
}

const warden_host_app_lifecycle* lifecycle_of(const warden_host* h) {
  return static_cast<const warden_host_app_lifecycle*>(h->get_extension(h, WARDEN_EXT_APP_LIFECYCLE));
}

}  // namespace

TEST(AppLifecycleExtension, ExitAndRestartReachTheRunsHooks) {
  Seen seen;
  HostServices services("process", run_options(&seen, 0));
  const warden_host* h = services.vtable();
  const warden_host_app_lifecycle* app = lifecycle_of(h);
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->struct_size, sizeof(warden_host_app_lifecycle));
  EXPECT_EQ(app->exit(h, 3), 0);
  EXPECT_EQ(seen.exits, 1);
  EXPECT_EQ(seen.last_code, 3);
  EXPECT_EQ(app->restart(h), 0);
  EXPECT_EQ(seen.restarts, 1);
}

TEST(AppLifecycleExtension, ARefusingHookIsARefusal) {
  Seen seen;
  HostServices services("process", run_options(&seen, -7));
  const warden_host* h = services.vtable();
  EXPECT_EQ(lifecycle_of(h)->exit(h, 0), -1);
  EXPECT_EQ(lifecycle_of(h)->restart(h), -1);
  EXPECT_EQ(seen.exits + seen.restarts, 2);
}

TEST(AppLifecycleExtension, LaunchCommandIsAJsonArrayTheCallerFrees) {
  Seen seen;
  HostServices services("autostart", run_options(&seen, 0));
  const warden_host* h = services.vtable();
  char* json = lifecycle_of(h)->launch_command(h);
  ASSERT_NE(json, nullptr);
  auto parsed = boost::json::parse(json);
  h->free_string(h, json);
  ASSERT_TRUE(parsed.is_array());
  auto& a = parsed.as_array();
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0].as_string(), "/usr/bin/warden");
  EXPECT_EQ(a[2].as_string(), "/apps/a \"b\"");  // quotes survive as data, not syntax
}

TEST(AppLifecycleExtension, OutsideARunEverythingIsRefused) {
  HostServices services("process", {});  // `warden plugin call`: no hooks
  const warden_host* h = services.vtable();
  const warden_host_app_lifecycle* app = lifecycle_of(h);
  EXPECT_LT(app->exit(h, 0), 0);
  EXPECT_LT(app->restart(h), 0);
  EXPECT_EQ(app->launch_command(h), nullptr);
  EXPECT_LT(app->exit(nullptr, 0), 0);
}

TEST(AppLifecycleExtension, HooksNotFilledInAreRefused) {
  HostOptions o;
  o.app = std::make_shared<AppHooks>();  // a run before its exit path exists
  HostServices services("process", o);
  const warden_host* h = services.vtable();
  EXPECT_LT(lifecycle_of(h)->exit(h, 0), 0);
  EXPECT_LT(lifecycle_of(h)->restart(h), 0);
  EXPECT_EQ(lifecycle_of(h)->launch_command(h), nullptr);
}

TEST(AppLifecycleExtension, AppIdentityIsTheRunsIdentityAsAJsonObject) {
  HostOptions o;
  o.app = std::make_shared<AppHooks>();
  o.app->identity = AppIdentity{"org.example.notes", "Notes \"beta\"", "1.2.3"};
  HostServices services("autostart", o);
  const warden_host* h = services.vtable();
  char* json = lifecycle_of(h)->app_identity(h);
  ASSERT_NE(json, nullptr);
  auto parsed = boost::json::parse(json);
  h->free_string(h, json);
  ASSERT_TRUE(parsed.is_object());
  auto& app = parsed.as_object();
  EXPECT_EQ(app.size(), 3u);
  EXPECT_EQ(app.at("identifier").as_string(), "org.example.notes");
  EXPECT_EQ(app.at("productName").as_string(), "Notes \"beta\"");  // quotes survive as data
  EXPECT_EQ(app.at("version").as_string(), "1.2.3");
}

TEST(AppLifecycleExtension, NoAppNoIdentity) {
  HostServices outside("autostart", {});  // `warden plugin call`
  EXPECT_EQ(lifecycle_of(outside.vtable())->app_identity(outside.vtable()), nullptr);
  EXPECT_EQ(lifecycle_of(outside.vtable())->app_identity(nullptr), nullptr);
  HostOptions o;
  o.app = std::make_shared<AppHooks>();  // hooks without an identity
  HostServices services("autostart", o);
  EXPECT_EQ(lifecycle_of(services.vtable())->app_identity(services.vtable()), nullptr);
}
