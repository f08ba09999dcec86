// warden.windows/1's event feed without a display: a subscription is its plugin's (another plugin
// cannot end it), every live subscription hears each event once, and one ended by a callback
// during a delivery hears nothing more, not even the event being delivered.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "desktop/window_event_feed.hpp"

namespace warden::desktop {
namespace {

TEST(WindowEventFeed, SubscriptionsBelongToTheirPlugin) {
  auto feed = std::make_shared<WindowEventFeed>();
  std::vector<std::string> heard;
  uint64_t a = feed->subscribe("a", [&](const std::string& label, warden_window_event) { heard.push_back("a:" + label); });
  uint64_t b = feed->subscribe("b", [&](const std::string& label, warden_window_event) { heard.push_back("b:" + label); });
  EXPECT_NE(a, 0u);
  EXPECT_NE(a, b);
  EXPECT_FALSE(feed->unsubscribe("b", a)) << "plugin b ended plugin a's subscription";
  EXPECT_FALSE(feed->unsubscribe("a", 999));
  feed->deliver("main", WARDEN_WINDOW_MOVED);
  EXPECT_EQ(heard, (std::vector<std::string>{"a:main", "b:main"}));
  EXPECT_TRUE(feed->unsubscribe("a", a));
  EXPECT_FALSE(feed->unsubscribe("a", a)) << "ended twice";
  heard.clear();
  feed->deliver("main", WARDEN_WINDOW_RESIZED);
  EXPECT_EQ(heard, (std::vector<std::string>{"b:main"}));
}

TEST(WindowEventFeed, ACallbackMayEndSubscriptionsWhileTheEventGoesOut) {
  auto feed = std::make_shared<WindowEventFeed>();
  std::vector<std::string> heard;
  uint64_t second = 0;
  feed->subscribe("p", [&](const std::string&, warden_window_event e) {
    heard.push_back("first");
    if (e == WARDEN_WINDOW_CLOSE_REQUESTED) feed->unsubscribe("p", second);
  });
  second = feed->subscribe("p", [&](const std::string&, warden_window_event) { heard.push_back("second"); });
  feed->deliver("main", WARDEN_WINDOW_CLOSE_REQUESTED);
  EXPECT_EQ(heard, (std::vector<std::string>{"first"})) << "ended before its turn: not called";
  heard.clear();
  feed->deliver("main", WARDEN_WINDOW_DESTROYED);
  EXPECT_EQ(heard, (std::vector<std::string>{"first"}));
}

TEST(WindowEventFeed, ASubscriptionMadeDuringADeliveryHearsTheNextEvent) {
  auto feed = std::make_shared<WindowEventFeed>();
  int late = 0;
  bool added = false;
  feed->subscribe("p", [&](const std::string&, warden_window_event) {
    if (!added) {
      added = true;
      feed->subscribe("p", [&](const std::string&, warden_window_event) { ++late; });
    }
  });
  feed->deliver("main", WARDEN_WINDOW_CREATED);
  EXPECT_EQ(late, 0);
  feed->deliver("main", WARDEN_WINDOW_MOVED);
  EXPECT_EQ(late, 1);
}

}  // namespace
}  // namespace warden::desktop
