#include <gtest/gtest.h>

#include "acl/identifier.hpp"

using namespace warden::acl;

TEST(Identifier, AcceptsTauriShapes) {
  EXPECT_FALSE(identifier_problem("allow-read", IdentifierKind::name));
  EXPECT_FALSE(identifier_problem("fs:allow-read", IdentifierKind::reference));
  EXPECT_FALSE(identifier_problem("prefix3:base", IdentifierKind::reference));
  EXPECT_FALSE(identifier_problem("pre--fix:base--sep", IdentifierKind::reference));
  EXPECT_FALSE(identifier_problem("core:event:default", IdentifierKind::reference));
  // Tauri's identifiers take ASCII letters of either case (tauri-utils acl/identifier.rs).
  EXPECT_FALSE(identifier_problem("vpnservice:allow-registerListener", IdentifierKind::reference));
}

TEST(Identifier, RejectsMalformed) {
  for (const char* bad : {"", "-prefix:base", "prefix-:base", "prefix:-base", "prefix:base-", "prefix::base",
                          ":base", "prefix:", "a:b:c", "tauri-plugin-fs:read", "fs:read_dir",
                          "fs:read dir", "fs:r\xc3\xa9"}) {
    EXPECT_TRUE(identifier_problem(bad, IdentifierKind::reference)) << bad;
  }
  EXPECT_TRUE(identifier_problem("fs:read", IdentifierKind::name));
}

TEST(Identifier, BoundedLength) {
  std::string longest = "p:" + std::string(kMaxIdentifierLength - 2, 'a');
  EXPECT_FALSE(identifier_problem(longest, IdentifierKind::reference));
  EXPECT_TRUE(identifier_problem(longest + "a", IdentifierKind::reference));
}

TEST(Identifier, SplitsAtLastSeparator) {
  EXPECT_EQ(split_identifier("fs:read").plugin, "fs");
  EXPECT_EQ(split_identifier("core:event:default").plugin, "core:event");
  EXPECT_EQ(split_identifier("core:event:default").name, "default");
  EXPECT_EQ(split_identifier("read").plugin, "");
}
