// The authority's check path must not allocate in the common case: count every operator
// new on this thread while checking.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "acl_test_support.hpp"

namespace {
thread_local std::size_t allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size ? size : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace warden::acl;
using namespace warden::acl::test;

TEST(CheckAllocation, CommonPathsDoNotAllocate) {
  Authority a(resolve({manifest("fs", {R"(
[[permission]]
identifier = "allow-read"
commands.allow = ["read"]
scope.allow = [{ path = "$DOC/**" }]
[[permission]]
identifier = "deny-read"
commands.deny = ["read"]
[[permission]]
identifier = "scope-home"
scope.allow = [{ path = "$HOME/**" }]
)"})}, R"([{"identifier": "a", "windows": ["main", "editor-*"], "webviews": ["pane-?"], "permissions": ["fs:allow-read", "fs:scope-home"]},
           {"identifier": "d", "windows": ["kiosk"], "permissions": ["fs:deny-read"]}])"));
  a.check("plugin:fs|read", "main", "main", Origin::local());  // first check on this thread fills its snapshot cache
  std::size_t before = allocations;
  for (int i = 0; i < 100; ++i) {
    auto allowed = a.check("plugin:fs|read", "editor-1", "editor-1", Origin::local());
    ASSERT_TRUE(allowed.allowed());
    ASSERT_EQ(allowed.command_scopes.size(), 1u);
    ASSERT_EQ(allowed.global_scopes.size(), 1u);
    ASSERT_EQ(a.check("plugin:fs|read", "kiosk", "kiosk", Origin::local()).verdict, Verdict::denied);
    ASSERT_EQ(a.check("plugin:fs|read", "other", "pane-7", Origin::local()).verdict, Verdict::allowed);
    ASSERT_EQ(a.check("plugin:fs|read", "other", "other", Origin::local()).verdict, Verdict::not_granted_here);
    ASSERT_EQ(a.check("plugin:fs|write", "main", "main", Origin::local()).verdict, Verdict::unknown_command);
  }
  EXPECT_EQ(allocations - before, 0u);
  // Control: the counter does see allocations on this thread.
  std::string big(100, 'x');
  EXPECT_GT(allocations - before, 0u);
}
