// Tauri's window-state rules over a warden.windows/1 of the test's own (one state per label, no
// display): what is restored at creation and in which fields, what each event records, the
// denylist, skipInitialState and the cap on followed windows.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "window_tracker.hpp"

using namespace warden::window_state_plugin;

namespace {

// The windows the tracker sees: their states now, and what it set.
struct FakeWindows {
  std::map<std::string, warden_window_state> open;
  std::vector<std::pair<std::string, uint32_t>> sets;  // label, fields
};
FakeWindows* fake = nullptr;

warden_window_state state(int x, int y, uint32_t w, uint32_t h, bool maximized = false) {
  warden_window_state s{};
  s.struct_size = sizeof s;
  s.x = x, s.y = y, s.width = w, s.height = h;
  s.maximized = maximized;
  s.visible = 1;
  s.decorated = 1;
  return s;
}

int get_state(const warden_host*, const char* label, warden_window_state* out) {
  auto it = fake->open.find(label);
  if (it == fake->open.end()) return -1;
  *out = it->second;
  return 0;
}

int set_state(const warden_host*, const char* label, const warden_window_state* s, uint32_t fields) {
  auto it = fake->open.find(label);
  if (it == fake->open.end()) return -1;
  fake->sets.emplace_back(label, fields);
  warden_window_state& w = it->second;
  if (fields & WARDEN_WINDOW_STATE_POSITION) w.x = s->x, w.y = s->y;
  if (fields & WARDEN_WINDOW_STATE_SIZE) w.width = s->width, w.height = s->height;
  if (fields & WARDEN_WINDOW_STATE_MAXIMIZED) w.maximized = s->maximized;
  if (fields & WARDEN_WINDOW_STATE_VISIBLE) w.visible = s->visible;
  return 0;
}

const warden_host_windows kWindows{sizeof(warden_host_windows), nullptr, nullptr, get_state, set_state, nullptr, nullptr};

class Tracker : public ::testing::Test {
 protected:
  void SetUp() override { fake = &windows; }
  void TearDown() override { fake = nullptr; }
  WindowTracker make(PluginConfig config = {}, SavedStates saved = {}) {
    return WindowTracker(nullptr, kWindows, std::move(config), std::move(saved),
                         [this](warden_log_level, const std::string& m) { logged.push_back(m); });
  }
  FakeWindows windows;
  std::vector<std::string> logged;
};

SavedState saved_maximized() {
  SavedState s;
  s.width = 520, s.height = 360, s.x = 0, s.y = 0, s.prev_x = 150, s.prev_y = 120, s.maximized = true;
  return s;
}

}  // namespace

TEST_F(Tracker, CreatedRestoresSizeMaximizedAndShowsButNoPositionWithoutAMonitor) {
  windows.open["main"] = state(0, 0, 400, 300);
  windows.open["main"].visible = 0;  // made, not shown yet
  WindowTracker t = make({}, {{"main", saved_maximized()}});
  t.on_event("main", WARDEN_WINDOW_CREATED);
  ASSERT_EQ(windows.sets.size(), 2u);
  // No display here: no monitor holds the saved place, so the position is the window manager's.
  EXPECT_EQ(windows.sets[0].second, uint32_t(WARDEN_WINDOW_STATE_DECORATIONS | WARDEN_WINDOW_STATE_SIZE |
                                             WARDEN_WINDOW_STATE_MAXIMIZED | WARDEN_WINDOW_STATE_FULLSCREEN));
  EXPECT_EQ(windows.sets[1].second, uint32_t(WARDEN_WINDOW_STATE_VISIBLE));
  EXPECT_EQ(windows.open["main"].width, 520u);
  EXPECT_TRUE(windows.open["main"].maximized);
}

TEST_F(Tracker, CreatedWithoutARememberedStateLeavesTheWindowAsConfigured) {
  windows.open["hidden"] = state(10, 20, 400, 300);
  windows.open["hidden"].visible = 0;  // an app's `visible: false` window
  WindowTracker t = make();
  t.on_event("hidden", WARDEN_WINDOW_CREATED);
  EXPECT_TRUE(windows.sets.empty());
  EXPECT_EQ(windows.open["hidden"].visible, 0);
}

TEST_F(Tracker, MovesKeepThePlaceToComeBackToWhileMaximized) {
  windows.open["main"] = state(100, 80, 400, 300);
  WindowTracker t = make();
  t.on_event("main", WARDEN_WINDOW_CREATED);
  windows.open["main"] = state(150, 120, 520, 360);
  t.on_event("main", WARDEN_WINDOW_MOVED);
  t.on_event("main", WARDEN_WINDOW_RESIZED);
  // openbox maximizing: the state first, then two moves and a resize.
  windows.open["main"] = state(-1, -1, 1280, 1000, true);
  t.on_event("main", WARDEN_WINDOW_STATE_CHANGED);
  t.on_event("main", WARDEN_WINDOW_MOVED);
  t.on_event("main", WARDEN_WINDOW_RESIZED);
  windows.open["main"] = state(0, 0, 1280, 1005, true);
  t.on_event("main", WARDEN_WINDOW_MOVED);
  t.on_event("main", WARDEN_WINDOW_CLOSE_REQUESTED);
  SavedState s = t.snapshot().at("main");
  EXPECT_EQ(s.prev_x, 150);
  EXPECT_EQ(s.prev_y, 120);
  EXPECT_EQ(s.x, 0);
  EXPECT_EQ(s.width, 520u) << "a maximized size is not the size to come back to";
  EXPECT_EQ(s.height, 360u);
  EXPECT_TRUE(s.maximized);
}

TEST_F(Tracker, DenylistedWindowsAreNeitherRestoredNorFollowed) {
  windows.open["splash"] = state(10, 10, 100, 100);
  PluginConfig c;
  c.denylist = {"splash"};
  SavedState old;
  old.width = 999, old.height = 999;
  WindowTracker t = make(c, {{"splash", old}});
  t.on_event("splash", WARDEN_WINDOW_CREATED);
  windows.open["splash"] = state(50, 50, 100, 100);
  t.on_event("splash", WARDEN_WINDOW_MOVED);
  EXPECT_TRUE(windows.sets.empty());
  EXPECT_EQ(t.snapshot().at("splash").width, 999u) << "its old entry stays as the file had it";
  EXPECT_EQ(t.snapshot().at("splash").x, 0);
}

TEST_F(Tracker, SkipInitialStateIsFollowedNotRestored) {
  windows.open["about"] = state(10, 10, 100, 100);
  PluginConfig c;
  c.skip_initial = {"about"};
  WindowTracker t = make(c, {{"about", saved_maximized()}});
  t.on_event("about", WARDEN_WINDOW_CREATED);
  EXPECT_TRUE(windows.sets.empty());
  windows.open["about"] = state(30, 40, 100, 100);
  t.on_event("about", WARDEN_WINDOW_MOVED);
  EXPECT_EQ(t.snapshot().at("about").x, 30);
}

TEST_F(Tracker, RestoreOfAnUnknownLabelIsRefused) {
  WindowTracker t = make();
  EXPECT_THROW(t.restore("nosuch", kAllFlags), std::invalid_argument);
}

TEST_F(Tracker, AtMost256WindowsAreFollowed) {
  WindowTracker t = make();
  for (int i = 0; i < 300; ++i) {
    std::string label = "w" + std::to_string(i);
    windows.open[label] = state(i, i, 100, 100);
    t.on_event(label, WARDEN_WINDOW_CREATED);
  }
  EXPECT_EQ(t.snapshot().size(), kMaxTrackedWindows);
  ASSERT_EQ(logged.size(), 1u) << "the cap is said once";
  EXPECT_NE(logged[0].find("256"), std::string::npos);
}

TEST_F(Tracker, SaveTakesOpenWindowsNowAndKeepsClosedOnes) {
  windows.open["main"] = state(100, 80, 400, 300);
  SavedState gone;
  gone.width = 7, gone.height = 7;
  WindowTracker t = make({}, {{"gone", gone}});
  t.on_event("main", WARDEN_WINDOW_CREATED);
  windows.open["main"] = state(200, 90, 640, 480);
  SavedStates saved = t.update_open_windows(kSize);
  EXPECT_EQ(saved.at("main").width, 640u);
  EXPECT_EQ(saved.at("main").x, 100) << "POSITION was not asked for";
  EXPECT_EQ(saved.at("gone").width, 7u);
}
