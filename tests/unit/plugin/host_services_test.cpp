// The warden_host vtable as a plugin calls it: every entry defends against bad input.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/channels.h"
#include "warden/ext/command_scopes.h"
#include "warden/ext/events.h"
#include "warden/ext/path_scope.h"
#include "warden/ext/resources.h"

using namespace warden::plugin;

namespace {

HostOptions options_with_home(std::vector<PluginEvent>* events = nullptr) {
  HostOptions o;
  o.paths.getenv = [](const std::string& n) -> std::optional<std::string> {
    if (n == "HOME") return "/home/tester";
    return std::nullopt;
  };
  if (events) o.events = [events](const PluginEvent& e) { events->push_back(e); };
  return o;
}

const warden_host_path_scope& path_scope(const warden_host* h) {
  auto* ps = static_cast<const warden_host_path_scope*>(h->get_extension(h, WARDEN_EXT_PATH_SCOPE));
  if (!ps) throw std::runtime_error("no path-scope extension");
  return *ps;
}

const warden_host_events& events_of(const warden_host* h) {
  auto* ev = static_cast<const warden_host_events*>(h->get_extension(h, WARDEN_EXT_EVENTS));
  if (!ev) throw std::runtime_error("no events extension");
  return *ev;
}

}  // namespace

TEST(HostServices, CoreIsCompleteVersionedAndNamesTheHost) {
  HostServices services("demo", {});
  const warden_host* h = services.vtable();
  EXPECT_EQ(h->struct_size, sizeof(warden_host));
  EXPECT_EQ(h->abi_version, WARDEN_ABI_VERSION);
  EXPECT_EQ(WARDEN_ABI_VERSION, 2u);
  EXPECT_STREQ(h->host_name, "warden");
  EXPECT_STREQ(h->host_version, WARDEN_HOST_VERSION);
  EXPECT_STREQ(h->sdk_version, WARDEN_SDK_VERSION);
  EXPECT_EQ(HostServices::from(h), &services);
  EXPECT_EQ(HostServices::from(nullptr), nullptr);
  for (const void* fn : {(const void*)h->log, (const void*)h->free_string, (const void*)h->resolve_json,
                         (const void*)h->resolve_bytes, (const void*)h->reject, (const void*)h->reject_scope,
                         (const void*)h->get_extension})
    EXPECT_NE(fn, nullptr);
  h->log(h, WARDEN_LOG_INFO, "line one\nforged line");  // one log line, no crash
  h->log(h, static_cast<warden_log_level>(42), nullptr);
}

// Every extension the host lists is found by its whole id, with a struct_size that covers its
// SDK 1.0 fields; anything else is NULL.
TEST(HostServices, GetExtensionAnswersKnownIdsAndNullOtherwise) {
  HostServices services("demo", {});
  const warden_host* h = services.vtable();
  struct Known {
    const char* id;
    std::size_t size;
  };
  for (Known k : {Known{WARDEN_EXT_CHANNELS, sizeof(warden_host_channels)},
                  Known{WARDEN_EXT_RESOURCES, sizeof(warden_host_resources)},
                  Known{WARDEN_EXT_EVENTS, sizeof(warden_host_events)},
                  Known{WARDEN_EXT_COMMAND_SCOPES, sizeof(warden_host_command_scopes)},
                  Known{WARDEN_EXT_PATH_SCOPE, sizeof(warden_host_path_scope)}}) {
    const void* ext = h->get_extension(h, k.id);
    ASSERT_NE(ext, nullptr) << k.id;
    EXPECT_GE(*static_cast<const std::uint32_t*>(ext), k.size) << k.id;
  }
  for (const char* unknown : {"warden.channels/2", "warden.channels", "warden.channels/1 ", "", "warden.nope/1"})
    EXPECT_EQ(h->get_extension(h, unknown), nullptr) << unknown;
  EXPECT_EQ(h->get_extension(h, nullptr), nullptr);
  EXPECT_EQ(h->get_extension(nullptr, WARDEN_EXT_CHANNELS), nullptr);
  for (const HostExtension& e : host_extensions()) EXPECT_EQ(find_host_extension(e.id), e.vtable);
}

TEST(HostServices, ResolvePathReturnsOwnedStringsOrNull) {
  HostServices services("demo", options_with_home());
  const warden_host* h = services.vtable();
  const auto& ps = path_scope(h);
  char* p = ps.resolve_path(h, "$HOME/docs/../a.txt");
  ASSERT_NE(p, nullptr);
  EXPECT_STREQ(p, "/home/tester/a.txt");
  h->free_string(h, p);
  h->free_string(h, nullptr);
  EXPECT_EQ(ps.resolve_path(h, "$NOPE"), nullptr);
  EXPECT_EQ(ps.resolve_path(h, nullptr), nullptr);
  EXPECT_EQ(ps.resolve_path(h, "$HOME/\xff\xfe"), nullptr);  // not UTF-8
  EXPECT_EQ(ps.resolve_path(h, "$HOME/\xc0\xaf"), nullptr);  // overlong '/'
  char* utf8 = ps.resolve_path(h, "$HOME/caf\xc3\xa9");
  ASSERT_NE(utf8, nullptr);
  h->free_string(h, utf8);
}

TEST(HostServices, PathInScopeAndEmitRejectBadInput) {
  std::vector<PluginEvent> events;
  HostServices services("demo", options_with_home(&events));
  const warden_host* h = services.vtable();
  const auto& ps = path_scope(h);
  const auto& ev = events_of(h);
  EXPECT_EQ(ps.path_in_scope(h, "/home/tester/a", R"({"allow":["$HOME/*"]})"), 1);
  EXPECT_EQ(ps.path_in_scope(h, "/home/tester/.a", R"({"allow":["$HOME/*"]})"), 0);
  EXPECT_LT(ps.path_in_scope(h, "/home/tester/a", "{not json"), 0);
  EXPECT_LT(ps.path_in_scope(h, nullptr, "{}"), 0);
  EXPECT_EQ(ev.emit(h, "bad name!", "{}", nullptr), -1);
  EXPECT_EQ(ev.emit(h, "ok", "{not json", nullptr), -1);
  EXPECT_EQ(ev.emit(h, nullptr, "{}", nullptr), -1);
  EXPECT_EQ(ev.emit(nullptr, "ok", "{}", nullptr), -1);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(ev.emit(h, "app:ready/now_1", nullptr, "main"), 0);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload_json, "null");
  EXPECT_EQ(events[0].target_window, "main");
  EXPECT_EQ(events[0].plugin, "demo");
}

TEST(HostServices, PathInScopeRefusesHostPrivatePaths) {
  // The service the fs plugin and the store ask: the log folder is out of reach whatever the scope.
  HostOptions o = options_with_home(nullptr);
  HostServices services("demo", o);
  const warden_host* h = services.vtable();
  const auto& ps = path_scope(h);
  EXPECT_EQ(ps.path_in_scope(h, "/home/tester/.local/share/warden/settings.json", R"({"allow":["/home/tester/.local/**"]})"), 1);
  EXPECT_EQ(ps.path_in_scope(h, "/home/tester/.local/share/warden/logs/warden.log", R"({"allow":["/home/tester/.local/**"]})"), 0);
  EXPECT_EQ(ps.path_in_scope(h, "/home/tester/.local/share/warden/logs", R"({"allow":["$APPLOG"]})"), 0);
}
