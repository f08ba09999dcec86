// The menu tree every view follows (desktop/menu/menu_item.hpp): children, no cycles, the nesting
// and size limits (a page cannot make the host recurse deeply or walk a shared tree once per
// path), shared items, activation (check items toggle, disabled items do nothing) and
// subscriptions. No display needed.
#include <gtest/gtest.h>

#include <vector>

#include "desktop/menu/menu_item.hpp"

namespace warden::desktop::menu {
namespace {

std::shared_ptr<MenuItem> make(ItemKind kind, const std::string& id = "x") { return MenuItem::create(kind, id); }

TEST(MenuItemTree, ContainersHoldItemsInOrder) {
  auto menu = make(ItemKind::menu, "m");
  auto a = make(ItemKind::normal, "a"), b = make(ItemKind::check, "b"), c = make(ItemKind::submenu, "c");
  EXPECT_TRUE(menu->append(a));
  EXPECT_TRUE(menu->insert(0, b));
  EXPECT_TRUE(menu->insert(1, c));
  ASSERT_EQ(menu->children().size(), 3u);
  EXPECT_EQ(menu->children()[0], b);
  EXPECT_EQ(menu->children()[1], c);
  EXPECT_EQ(menu->children()[2], a);
  EXPECT_FALSE(menu->insert(4, make(ItemKind::normal)));
  EXPECT_TRUE(menu->refuse_insert(4, *a)->find("past the end") != std::string::npos);
  EXPECT_FALSE(a->append(make(ItemKind::normal)));  // a MenuItem holds nothing
  EXPECT_EQ(menu->remove(*c), c);
  EXPECT_EQ(menu->remove(*c), nullptr);
  EXPECT_EQ(menu->remove_at(5), nullptr);
  EXPECT_EQ(menu->remove_at(0), b);
  EXPECT_EQ(menu->children().size(), 1u);
}

TEST(MenuItemTree, NoCycles) {
  auto menu = make(ItemKind::menu), sub = make(ItemKind::submenu), inner = make(ItemKind::submenu);
  ASSERT_TRUE(menu->append(sub));
  ASSERT_TRUE(sub->append(inner));
  EXPECT_FALSE(inner->append(menu));
  EXPECT_FALSE(inner->append(sub));
  EXPECT_FALSE(sub->append(sub));
  EXPECT_NE(inner->refuse_insert(0, *menu)->find("cannot hold itself"), std::string::npos);
}

TEST(MenuItemTree, NestingIsBoundedFromAboveAndBelow) {
  // Built top-down: each new submenu goes into the deepest one.
  auto root = make(ItemKind::menu);
  auto deepest = root;
  size_t levels = 1;
  while (true) {
    auto next = make(ItemKind::submenu);
    if (!deepest->append(next)) break;
    deepest = next;
    ++levels;
  }
  EXPECT_EQ(levels, MenuItem::kMaxLevels);
  EXPECT_EQ(root->levels_below(), MenuItem::kMaxLevels);
  EXPECT_EQ(deepest->levels_above(), MenuItem::kMaxLevels - 1);
  EXPECT_NE(deepest->refuse_insert(0, *make(ItemKind::normal))->find("16 levels"), std::string::npos);
  // Built bottom-up: a deep submenu cannot go under a menu that is itself nested.
  auto other = make(ItemKind::menu), holder = make(ItemKind::submenu);
  ASSERT_TRUE(other->append(holder));
  EXPECT_FALSE(holder->append(root->children()[0]));
  // Taking an item out frees its levels.
  auto top = root->children()[0];
  root->remove_at(0);
  EXPECT_EQ(top->levels_above(), 0u);
}

TEST(MenuItemTree, ChildrenAreBounded) {
  auto menu = make(ItemKind::menu);
  for (size_t i = 0; i < MenuItem::kMaxChildren; ++i) ASSERT_TRUE(menu->append(make(ItemKind::normal)));
  EXPECT_FALSE(menu->append(make(ItemKind::normal)));
}

TEST(MenuItemTree, SharedItemsAreWalkedOnce) {
  // 15 levels, each submenu holding the one below 1000 times: 1000^14 paths, a few items.
  std::vector<std::shared_ptr<MenuItem>> chain{make(ItemKind::submenu, "bottom")};
  chain.back()->append(make(ItemKind::normal, "leaf"));
  for (int level = 0; level < 13; ++level) {
    auto up = make(ItemKind::submenu, "s" + std::to_string(level));
    for (size_t i = 0; i < MenuItem::kMaxChildren; ++i) ASSERT_TRUE(up->append(chain.back()));
    chain.push_back(up);
  }
  auto top = chain.back();
  EXPECT_EQ(top->levels_below(), 15u);
  EXPECT_EQ(chain.front()->levels_above(), 13u);
  EXPECT_EQ(top->find("leaf")->id(), "leaf");
  EXPECT_EQ(top->find("missing"), nullptr);
  EXPECT_TRUE(top->contains(*chain.front()->children()[0]));
  EXPECT_FALSE(chain.front()->append(top));
}

TEST(MenuItemTree, ActivationTogglesChecksAndSkipsDisabledItems) {
  auto check = make(ItemKind::check, "c");
  std::vector<std::string> picked;
  check->set_action([&picked](MenuItem& item) { picked.push_back(item.id() + (item.checked() ? ":on" : ":off")); });
  check->activate();
  check->activate();
  check->set_enabled(false);
  check->activate();
  EXPECT_EQ(picked, (std::vector<std::string>{"c:on", "c:off"}));
  EXPECT_FALSE(check->checked());
}

TEST(MenuItemTree, SubscriptionsSeeChangesUntilDropped) {
  auto item = make(ItemKind::normal);
  std::vector<Change> seen;
  auto sub = item->observe([&seen](MenuItem&, Change what) { seen.push_back(what); });
  item->set_text("A");
  item->set_text("A");  // unchanged: not told
  item->set_enabled(false);
  item->set_accelerator("Ctrl+A");
  sub.reset();
  item->set_text("B");
  EXPECT_EQ(seen, (std::vector<Change>{Change::text, Change::enabled, Change::accelerator}));
}

}  // namespace
}  // namespace warden::desktop::menu
