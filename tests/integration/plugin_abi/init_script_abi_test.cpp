// warden.init-script/1, the plugin extension: read through warden_plugin::get_extension when the
// plugin answers it; a plugin that offers no extension (get_extension NULL) loads without one.
#include <gtest/gtest.h>

#include "plugin/plugin_library.hpp"

using namespace warden::plugin;

TEST(InitScriptAbi, PlainCPluginGivesItsScriptWithItsState) {
  auto lib = PluginLibrary::load(WARDEN_TEST_INIT_SCRIPT_PLUGIN);
  EXPECT_EQ(lib->init_script(), "window.__fromC = 7;");
}

TEST(InitScriptAbi, PluginOfferingNoExtensionLoadsWithoutScript) {
  auto lib = PluginLibrary::load(WARDEN_TEST_OLD_DESCRIPTOR_PLUGIN);
  EXPECT_EQ(lib->init_script(), "");
  CallRequest r;
  r.command = "noop";
  auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(10));
  ASSERT_TRUE(result);
  EXPECT_EQ(result->json, "\"old\"");
}

TEST(InitScriptAbi, MinimumStructSizeIsSdk10sLayout) {
  EXPECT_EQ(WARDEN_PLUGIN_MIN_STRUCT_SIZE, offsetof(warden_plugin, get_extension) + sizeof(void*));
  EXPECT_EQ(sizeof(warden_plugin), WARDEN_PLUGIN_MIN_STRUCT_SIZE);
}
