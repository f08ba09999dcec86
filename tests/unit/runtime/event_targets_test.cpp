// Event targets (runtime/event_bus.hpp): what an emit to a label reaches, by where a listener
// lives and which target it listens on; untargeted emits reach every listener, as in Tauri; a
// page's or plugin's emit to one label never reaches another window's page.
#include <gtest/gtest.h>

#include <glib.h>

#include <set>
#include <string>
#include <vector>

#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"

namespace warden::runtime {
namespace {

// Listeners of window "main" (webviews "main" and its child "panel") and of window "second".
class EventTargets : public ::testing::Test {
 protected:
  EventTargets() : context_(g_main_context_new()), queue_(context_) {}
  ~EventTargets() override { g_main_context_unref(context_); }

  // The webviews (by the callback id of their listener) that an emit reached.
  std::set<uint32_t> delivered_after(const std::string& event, const std::optional<std::string>& target) {
    delivered_.clear();
    EXPECT_TRUE(bus_.emit(event, "null", target));
    while (g_main_context_iteration(context_, FALSE)) {
    }
    return {delivered_.begin(), delivered_.end()};
  }

  GMainContext* context_;
  MainThreadQueue queue_;
  std::vector<uint32_t> delivered_;
  EventBus bus_{queue_, [this](const std::string&, uint64_t, uint32_t cb, const std::string&) { delivered_.push_back(cb); }};
};

constexpr uint32_t main_any = 1, main_on_main = 2, panel_any = 3, second_any = 4, second_on_main = 5,
                   second_on_panel = 6, main_on_second = 7;

TEST_F(EventTargets, AnEmitToALabelReachesItsOwnWebviewsAndOnlyHostEventsReachOthersNamingIt) {
  for (const char* event : {"ping", "tauri://resize"}) {
    bus_.listen("main", "main", 0, event, main_any);
    bus_.listen("main", "main", 0, event, main_on_main, "main");
    bus_.listen("main", "panel", 0, event, panel_any);
    bus_.listen("second", "second", 0, event, second_any);
    bus_.listen("second", "second", 0, event, second_on_main, "main");
    bus_.listen("second", "second", 0, event, second_on_panel, "panel");
    bus_.listen("main", "main", 0, event, main_on_second, "second");
  }
  // A page's or plugin's event to window "main": its webviews (the child too), not "second" even
  // when it names "main", and not a listener in "main" that asked for "second".
  EXPECT_EQ(delivered_after("ping", "main"), (std::set<uint32_t>{main_any, main_on_main, panel_any}));
  // The host's window event: also "second"'s listener that names "main".
  EXPECT_EQ(delivered_after("tauri://resize", "main"),
            (std::set<uint32_t>{main_any, main_on_main, panel_any, second_on_main}));
  // A webview label: that webview only (and, for host events, those naming it).
  EXPECT_EQ(delivered_after("ping", "panel"), (std::set<uint32_t>{panel_any}));
  EXPECT_EQ(delivered_after("tauri://resize", "panel"), (std::set<uint32_t>{panel_any, second_on_panel}));
  EXPECT_EQ(delivered_after("ping", "second"), (std::set<uint32_t>{second_any}));
  EXPECT_EQ(delivered_after("tauri://resize", "second"), (std::set<uint32_t>{second_any, main_on_second}));
  EXPECT_EQ(delivered_after("ping", "nobody"), (std::set<uint32_t>{}));
}

TEST_F(EventTargets, AnUntargetedEmitReachesEveryListenerWhateverItsFilter) {
  bus_.listen("main", "main", 0, "ping", main_any);
  bus_.listen("main", "main", 0, "ping", main_on_second, "second");
  bus_.listen("second", "second", 0, "ping", second_on_main, "main");
  EXPECT_EQ(delivered_after("ping", std::nullopt), (std::set<uint32_t>{main_any, main_on_second, second_on_main}));
}

TEST_F(EventTargets, HasListenersFollowsTheSameRules) {
  bus_.listen("second", "second", 0, "tauri://close-requested", second_on_main, "main");
  bus_.listen("second", "second", 0, "ping", second_on_main, "main");
  EXPECT_TRUE(bus_.has_listeners("tauri://close-requested", "main"));
  EXPECT_FALSE(bus_.has_listeners("ping", "main"));
  EXPECT_FALSE(bus_.has_listeners("tauri://close-requested", "other"));
  bus_.forget_webview("second");
  EXPECT_FALSE(bus_.has_listeners("tauri://close-requested", "main"));
  bus_.listen("main", "main", 0, "tauri://close-requested", main_on_second, "second");
  EXPECT_FALSE(bus_.has_listeners("tauri://close-requested", "main"))
      << "a listener of window main for another label's event is not main's";
  EXPECT_TRUE(bus_.has_listeners("tauri://close-requested", "second"));
}

TEST_F(EventTargets, AMovedWebviewGetsItsNewWindowsEvents) {
  bus_.listen("main", "panel", 0, "ping", panel_any);
  EXPECT_EQ(delivered_after("ping", "second"), (std::set<uint32_t>{}));
  bus_.webview_moved("panel", "second");
  EXPECT_EQ(delivered_after("ping", "second"), (std::set<uint32_t>{panel_any}));
  EXPECT_EQ(delivered_after("ping", "main"), (std::set<uint32_t>{}));
}

TEST_F(EventTargets, ForgettingAWebviewDropsItsListenersOnly) {
  bus_.listen("main", "main", 0, "ping", main_any);
  bus_.listen("main", "panel", 0, "ping", panel_any);
  bus_.forget_webview("panel");
  EXPECT_EQ(delivered_after("ping", "main"), (std::set<uint32_t>{main_any}));
}

}  // namespace
}  // namespace warden::runtime
