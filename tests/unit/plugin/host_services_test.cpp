// The warden_host vtable as a plugin calls it: every entry defends against bad input.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugin/host_services.hpp"

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

}  // namespace

TEST(HostServices, VtableIsCompleteAndVersioned) {
  HostServices services("demo", {});
  const warden_host* h = services.vtable();
  EXPECT_EQ(h->struct_size, sizeof(warden_host));
  EXPECT_EQ(h->abi_version, WARDEN_ABI_VERSION);
  for (const void* fn : {(const void*)h->log, (const void*)h->resolve_path, (const void*)h->path_in_scope,
                         (const void*)h->emit, (const void*)h->resolve_json, (const void*)h->resolve_bytes,
                         (const void*)h->reject, (const void*)h->free_string})
    EXPECT_NE(fn, nullptr);
  h->log(h, WARDEN_LOG_INFO, "line one\nforged line");  // one log line, no crash
  h->log(h, static_cast<warden_log_level>(42), nullptr);
}

TEST(HostServices, ResolvePathReturnsOwnedStringsOrNull) {
  HostServices services("demo", options_with_home());
  const warden_host* h = services.vtable();
  char* p = h->resolve_path(h, "$HOME/docs/../a.txt");
  ASSERT_NE(p, nullptr);
  EXPECT_STREQ(p, "/home/tester/a.txt");
  h->free_string(h, p);
  h->free_string(h, nullptr);
  EXPECT_EQ(h->resolve_path(h, "$NOPE"), nullptr);
  EXPECT_EQ(h->resolve_path(h, nullptr), nullptr);
  EXPECT_EQ(h->resolve_path(h, "$HOME/\xff\xfe"), nullptr);  // not UTF-8
  EXPECT_EQ(h->resolve_path(h, "$HOME/\xc0\xaf"), nullptr);  // overlong '/'
  char* utf8 = h->resolve_path(h, "$HOME/caf\xc3\xa9");
  ASSERT_NE(utf8, nullptr);
  h->free_string(h, utf8);
}

TEST(HostServices, PathInScopeAndEmitRejectBadInput) {
  std::vector<PluginEvent> events;
  HostServices services("demo", options_with_home(&events));
  const warden_host* h = services.vtable();
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/a", R"({"allow":["$HOME/*"]})"), 1);
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/.a", R"({"allow":["$HOME/*"]})"), 0);
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/a", "{not json"), -1);
  EXPECT_EQ(h->path_in_scope(h, nullptr, "{}"), -1);
  EXPECT_EQ(h->emit(h, "bad name!", "{}", nullptr), -1);
  EXPECT_EQ(h->emit(h, "ok", "{not json", nullptr), -1);
  EXPECT_EQ(h->emit(h, nullptr, "{}", nullptr), -1);
  EXPECT_TRUE(events.empty());
  EXPECT_EQ(h->emit(h, "app:ready/now_1", nullptr, "main"), 0);
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
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/.local/share/warden/settings.json", R"({"allow":["/home/tester/.local/**"]})"), 1);
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/.local/share/warden/logs/warden.log", R"({"allow":["/home/tester/.local/**"]})"), 0);
  EXPECT_EQ(h->path_in_scope(h, "/home/tester/.local/share/warden/logs", R"({"allow":["$APPLOG"]})"), 0);
}
