// The C++ wrapper on a host that lacks every extension (a host whose get_extension answers NULL,
// as an older or smaller host would): each wrapper method that needs one fails with
// warden::MissingExtension naming it; in a command that becomes the call's error, nothing
// crashes; a command needing no extension works; and the plugin offers what it registered.
#include <cstring>
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <warden/plugin.hpp>

namespace {

struct Completed {
  std::string how, text;
};
Completed g_last;

// The completion handle of these tests: a pointer to nothing the host side reads.
warden_call* const the_call = reinterpret_cast<warden_call*>(&g_last);

warden_host bare_host() {
  warden_host h{};
  h.struct_size = sizeof h;
  h.abi_version = WARDEN_ABI_VERSION;
  h.host_name = "bare";
  h.host_version = "0.0.1";
  h.sdk_version = WARDEN_SDK_VERSION;
  h.log = [](const warden_host*, warden_log_level, const char*) {};
  h.free_string = [](const warden_host*, char* s) { std::free(s); };
  h.resolve_json = [](warden_call*, const char* json, size_t n) { g_last = {"json", std::string(json, n)}; };
  h.resolve_bytes = [](warden_call*, const uint8_t*, size_t) { g_last = {"bytes", ""}; };
  h.reject = [](warden_call*, const char* m) { g_last = {"reject", m}; };
  h.reject_scope = [](warden_call*, const char* m) { g_last = {"scope", m}; };
  h.get_extension = [](const warden_host*, const char*) -> const void* { return nullptr; };
  return h;
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.command("emit", [](warden::Context& ctx) { return ctx.host().emit("x", nullptr); });
  plugin.command("channel", [](warden::Context& ctx) { ctx.open_channel("__CHANNEL__:1"); });
  plugin.command("plain", [] { return 7; });
  plugin.init_script([] { return std::string("window.__sdk = 1;"); });
}

TEST(MissingExtension, HostMethodsThrowNamingTheExtension) {
  warden_host raw = bare_host();
  warden::Host host(&raw);
  EXPECT_EQ(host.name(), "bare");
  EXPECT_EQ(host.version(), "0.0.1");
  EXPECT_EQ(host.extension<warden_host_events>(WARDEN_EXT_EVENTS), nullptr);
  try {
    host.emit("x", nullptr);
    FAIL() << "emit did not throw";
  } catch (const warden::MissingExtension& e) {
    EXPECT_STREQ(e.what(), "this host (bare 0.0.1) lacks the extension warden.events/1");
  }
  EXPECT_THROW(host.resolve_path("$HOME"), warden::MissingExtension);
  EXPECT_THROW(host.path_in_scope("/a", "{}"), warden::MissingExtension);
}

TEST(MissingExtension, AnExtensionSmallerThanTheCallerNeedsCountsAsAbsent) {
  static warden_host_events small{};
  small.struct_size = sizeof(uint32_t);  // a revision with no functions yet
  warden_host raw = bare_host();
  raw.get_extension = [](const warden_host*, const char* id) -> const void* {
    return std::strcmp(id, WARDEN_EXT_EVENTS) == 0 ? &small : nullptr;
  };
  warden::Host host(&raw);
  EXPECT_EQ(host.extension<warden_host_events>(WARDEN_EXT_EVENTS), nullptr);
}

TEST(MissingExtension, ACommandNeedingOneFailsTheCallAndTheOthersRun) {
  static warden_host raw = bare_host();
  const warden_plugin* p = warden_plugin_entry(WARDEN_ABI_VERSION);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(warden_plugin_entry(1), nullptr);  // the wrapper builds ABI 2 only
  void* state = nullptr;
  char error[256] = {0};
  ASSERT_EQ(p->init(&raw, "{}", &state, error, sizeof error), WARDEN_OK) << error;
  auto run = [&](const char* command) {
    warden_caller caller{sizeof caller, "main", "main", "app://localhost"};
    warden_request r{sizeof r, command, "{}", 2, nullptr, 0, R"({"command":null,"global":null})", &caller, the_call};
    for (std::size_t i = 0; i < p->command_count; ++i)
      if (std::strcmp(p->commands[i]->name, command) == 0) p->commands[i]->invoke(state, &r);
    return g_last;
  };
  Completed emit = run("emit");
  EXPECT_EQ(emit.how, "reject");
  EXPECT_EQ(emit.text, "this host (bare 0.0.1) lacks the extension warden.events/1");
  EXPECT_EQ(run("channel").text, "this host (bare 0.0.1) lacks the extension warden.channels/1");
  Completed plain = run("plain");
  EXPECT_EQ(plain.how, "json");
  EXPECT_EQ(plain.text, "7");
  // The plugin's own offer: warden.init-script/1 answered, anything else NULL.
  ASSERT_NE(p->get_extension, nullptr);
  auto* script = static_cast<const warden_plugin_init_script*>(p->get_extension(p, WARDEN_EXT_INIT_SCRIPT));
  ASSERT_NE(script, nullptr);
  EXPECT_EQ(script->struct_size, sizeof(warden_plugin_init_script));
  EXPECT_STREQ(script->init_script(state), "window.__sdk = 1;");
  EXPECT_EQ(p->get_extension(p, "warden.nope/1"), nullptr);
  if (p->shutdown) p->shutdown(state);
}
