// The init_script field appended to warden_plugin: read when struct_size covers it, ignored (not
// even read) when a plugin's descriptor predates it, so older plugins keep loading.
#include <gtest/gtest.h>

#include "plugin/plugin_library.hpp"

using namespace warden::plugin;

TEST(InitScriptAbi, PlainCPluginGivesItsScriptWithItsState) {
  auto lib = PluginLibrary::load(WARDEN_TEST_INIT_SCRIPT_PLUGIN);
  EXPECT_EQ(lib->init_script(), "window.__fromC = 7;");
}

TEST(InitScriptAbi, DescriptorWithoutTheFieldLoadsAndItIsNotRead) {
  auto lib = PluginLibrary::load(WARDEN_TEST_OLD_DESCRIPTOR_PLUGIN);
  EXPECT_EQ(lib->init_script(), "");
  CallRequest r;
  r.command = "noop";
  auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->json, "\"old\"");
}

TEST(InitScriptAbi, MinimumStructSizeIsTheFirstRevision) {
  EXPECT_EQ(WARDEN_PLUGIN_MIN_STRUCT_SIZE, offsetof(warden_plugin, shutdown) + sizeof(void (*)(void*)));
  EXPECT_GT(sizeof(warden_plugin), WARDEN_PLUGIN_MIN_STRUCT_SIZE);
}
