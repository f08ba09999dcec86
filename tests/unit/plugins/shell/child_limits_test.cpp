// Children per page and per app (issue 13, finding 8): the caps from plugins.shell, the refusals
// naming the setting, and slots given back when a child exits or never started.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "child_limits.hpp"

using namespace warden::shell_plugin;
namespace json = boost::json;

TEST(ChildLimits, DefaultsAndConfiguredCaps) {
  ChildCaps d = parse_child_caps(json::value(nullptr));
  EXPECT_EQ(d.per_page, kDefaultMaxChildrenPerPage);
  EXPECT_EQ(d.per_app, kDefaultMaxChildrenPerApp);
  ChildCaps c = parse_child_caps(json::parse(R"({"maxChildrenPerPage": 4, "maxChildrenPerApp": 6, "open": false})"));
  EXPECT_EQ(c.per_page, 4u);
  EXPECT_EQ(c.per_app, 6u);
  // A page cap above the default app cap raises the app cap with it.
  EXPECT_EQ(parse_child_caps(json::parse(R"({"maxChildrenPerPage": 500})")).per_app, 500u);
}

TEST(ChildLimits, BadCapsNameTheField) {
  for (const char* bad : {R"({"maxChildrenPerPage": 0})", R"({"maxChildrenPerPage": -1})", R"({"maxChildrenPerApp": "8"})",
                          R"({"maxChildrenPerApp": 2.5})", R"({"maxChildrenPerPage": 9, "maxChildrenPerApp": 8})"}) {
    try {
      parse_child_caps(json::parse(bad));
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("plugins.shell.maxChildrenPer"), std::string::npos) << e.what();
    }
  }
}

TEST(ChildLimits, RefusesPastThePageCapThenTheAppCap) {
  auto limits = ChildLimits::create({2, 3});
  auto a1 = limits->reserve("a");
  auto a2 = limits->reserve("a");
  try {
    limits->reserve("a");
    ADD_FAILURE() << "a third child of page a";
  } catch (const ChildLimitReached& e) {
    EXPECT_NE(std::string(e.what()).find("maxChildrenPerPage"), std::string::npos) << e.what();
  }
  auto b1 = limits->reserve("b");
  try {
    limits->reserve("c");
    ADD_FAILURE() << "a fourth child in the app";
  } catch (const ChildLimitReached& e) {
    EXPECT_NE(std::string(e.what()).find("maxChildrenPerApp"), std::string::npos) << e.what();
  }
  EXPECT_EQ(limits->running("a"), 2u);
  EXPECT_EQ(limits->running("c"), 0u);
  EXPECT_EQ(limits->running(), 3u);
  a1->release();
  a1->release();  // once only
  EXPECT_EQ(limits->running(), 2u);
  EXPECT_NO_THROW(limits->reserve("c"));  // the temporary slot goes at once
  b1.reset();  // the last copy gives it back too
  EXPECT_EQ(limits->running(), 1u);
}

TEST(ChildLimits, ExitReleasesTheSlotBeforeTheCallersHandler) {
  auto limits = ChildLimits::create({1, 1});
  ChildEvents events;
  std::size_t running_in_handler = 99;
  events.exited = [&](const ExitStatus&) { running_in_handler = limits->running(); };
  ChildEvents wrapped = releasing_on_exit(limits->reserve("a"), std::move(events));
  EXPECT_EQ(limits->running(), 1u);
  wrapped.exited(ExitStatus{0, std::nullopt});
  EXPECT_EQ(running_in_handler, 0u);
  // Events dropped without an exit (the child never started) give the slot back too.
  ChildEvents unstarted = releasing_on_exit(limits->reserve("a"), {});
  EXPECT_EQ(limits->running(), 1u);
  unstarted = {};
  EXPECT_EQ(limits->running(), 0u);
}
