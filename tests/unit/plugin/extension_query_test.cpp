// Extensions through the real loader: an ABI-2 plugin asking for an extension no host has gets
// NULL and works on; the host names itself; a plugin whose section offers an extension it does
// not answer is refused, naming it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "plugin/load_error.hpp"
#include "plugin/plugin_library.hpp"

using namespace warden::plugin;

TEST(ExtensionQuery, UnknownExtensionIsNullAndThePluginWorksOn) {
  auto lib = PluginLibrary::load(WARDEN_TEST_PLAIN_C);
  CallRequest r;
  r.command = "extensions";
  auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->kind, CallResult::Kind::json) << result->error;
  auto j = boost::json::parse(result->json);
  EXPECT_TRUE(j.at("unknown").is_null());
  EXPECT_EQ(j.at("channels"), true);
  EXPECT_EQ(j.at("host").as_string(), std::string("warden ") + WARDEN_HOST_VERSION);
  EXPECT_EQ(j.at("sdk"), WARDEN_SDK_VERSION);
  // And the plugin's other commands still run.
  CallRequest hello;
  hello.command = "hello";
  auto again = lib->invoke(std::move(hello)).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->kind, CallResult::Kind::json);
}

TEST(ExtensionQuery, AnOfferedExtensionTheLibraryDoesNotAnswerIsRefused) {
  try {
    PluginLibrary::load(WARDEN_TEST_FALSE_OFFER);
    FAIL() << "loaded";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("offers extension warden.init-script/1, but its get_extension answers NULL"),
              std::string::npos)
        << e.what();
  }
}

// The C++ wrapper's host.emit goes through warden.events/1 of the real host (a host lacking it:
// tests/unit/sdk/missing_extension_test.cpp).
TEST(ExtensionQuery, WrapperEmitGoesThroughTheEventsExtension) {
  std::vector<PluginEvent> events;
  HostOptions options;
  options.events = [&events](const PluginEvent& e) { events.push_back(e); };
  auto lib = PluginLibrary::load(WARDEN_TEST_GOOD, R"({"greeting":"hi"})", options);
  CallRequest r;
  r.command = "emit";
  r.args_json = R"({"value":"v"})";
  auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(result);
  ASSERT_EQ(result->kind, CallResult::Kind::json) << result->error;
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "test-event");
}
