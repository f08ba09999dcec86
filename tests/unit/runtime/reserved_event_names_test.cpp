// Which event names pages and plugins may emit (issue 13, finding 5).
#include "runtime/reserved_event_names.hpp"

#include <gtest/gtest.h>

using warden::runtime::EventEmitter;
using warden::runtime::ReservedEventNames;

TEST(ReservedEventNames, HostNamesAreTheHostsOnly) {
  ReservedEventNames names;
  EXPECT_EQ(names.owner_of("tauri://drag-drop"), "the host");
  EXPECT_FALSE(names.may_emit(EventEmitter::page(), "tauri://close-requested"));
  EXPECT_FALSE(names.may_emit(EventEmitter::of_plugin("store"), "tauri://drag-drop"));
  EXPECT_TRUE(names.may_emit(EventEmitter::host(), "tauri://drag-drop"));
}

TEST(ReservedEventNames, APluginsNamesAreItsOwnOnceLoaded) {
  ReservedEventNames names;
  // Not loaded: anyone's (an app may use "store://" names when it has no store plugin).
  EXPECT_EQ(names.owner_of("store://change"), std::nullopt);
  EXPECT_TRUE(names.may_emit(EventEmitter::page(), "store://change"));
  names.reserve_for_plugin("store");
  EXPECT_EQ(names.owner_of("store://change"), "plugin 'store'");
  EXPECT_FALSE(names.may_emit(EventEmitter::page(), "store://change"));
  EXPECT_FALSE(names.may_emit(EventEmitter::of_plugin("log"), "store://change"));
  EXPECT_TRUE(names.may_emit(EventEmitter::of_plugin("store"), "store://change"));
  EXPECT_TRUE(names.may_emit(EventEmitter::host(), "store://change"));
}

TEST(ReservedEventNames, OtherNamesAreAnyones) {
  ReservedEventNames names;
  names.reserve_for_plugin("store");
  for (const char* event : {"hello", "app:ready", "stores://x", "my-store://change", "://x", "store:/x", "tauri:/x"}) {
    EXPECT_EQ(names.owner_of(event), std::nullopt) << event;
    EXPECT_TRUE(names.may_emit(EventEmitter::page(), event)) << event;
    EXPECT_TRUE(names.may_emit(EventEmitter::of_plugin("log"), event)) << event;
  }
}
