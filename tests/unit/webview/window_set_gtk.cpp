// WindowSet with real GTK windows and WebKit webviews (run under xvfb-run: see CMakeLists.txt):
// labels in use across windows and webviews, each webview a caller of its own, closed labels
// free again, reparent, page_of from the index.
#include <gtest/gtest.h>

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "webview/window_set.hpp"

namespace warden::webview {
namespace {

class WindowSetGtk : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(gtk_init_check(nullptr, nullptr)) << "needs a display (xvfb-run)"; }

  AppWindow& window(const std::string& label) {
    WindowConfig config;
    config.label = label;
    return windows_.add(std::make_unique<AppWindow>(config, WindowEvents{}));
  }

  AppWebview& webview(AppWindow& in, const std::string& label, std::optional<WebviewBounds> bounds = std::nullopt) {
    WindowConfig config;
    config.label = label;
    config.url = "about:blank";
    WebviewEvents events;
    // What warden run hangs the forgetting of the webview's listeners and resources on.
    events.closed = [this, label] { closed_ += label + " "; };
    return windows_.add_webview(in, std::make_unique<AppWebview>(setup_, config, in.label(), events), bounds);
  }

  std::string closed_;

  WebviewSetup setup_{webkit_web_context_get_default()};
  WindowSet windows_;
};

TEST_F(WindowSetGtk, ALabelIsInUseByAnOpenWindowOrWebviewAcrossBoth) {
  AppWindow& main = window("main");
  webview(main, "main");  // a webview window: window and webview share the label
  webview(main, "panel", WebviewBounds{10, 20, 100, 50});
  EXPECT_THROW(window("main"), std::invalid_argument);
  EXPECT_THROW(window("panel"), std::invalid_argument) << "a window may not take a webview's label";
  AppWindow& bare = window("bare");
  EXPECT_THROW(webview(bare, "main"), std::invalid_argument) << "a webview may not take another window's label";
  EXPECT_THROW(webview(bare, "panel"), std::invalid_argument);
  EXPECT_THROW(window("bad label"), std::invalid_argument);
  EXPECT_TRUE(windows_.label_in_use("panel"));
  EXPECT_FALSE(windows_.label_in_use("free"));
  EXPECT_EQ(windows_.open_count(), 2u) << "webviews do not count as windows";
}

TEST_F(WindowSetGtk, EachWebviewIsACallerOfItsOwn) {
  AppWindow& main = window("main");
  AppWebview& filling = webview(main, "main");
  AppWebview& child = webview(main, "panel", WebviewBounds{0, 0, 10, 10});
  auto a = windows_.caller_of(filling.view(), "app://localhost");
  auto b = windows_.caller_of(child.view(), "app://localhost");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->window, "main");
  EXPECT_EQ(a->webview, "main");
  EXPECT_EQ(b->window, "main");
  EXPECT_EQ(b->webview, "panel");
  EXPECT_EQ(windows_.find_webview(child.view()), &child);
  EXPECT_EQ(windows_.window_of("panel"), &main);
  EXPECT_EQ(main.filling_webview(), &filling);
  EXPECT_EQ(main.bounds_of("panel")->width, 10);
}

TEST_F(WindowSetGtk, AClosedWebviewIsNoCallerAndItsLabelIsFreeAgain) {
  AppWindow& main = window("main");
  AppWebview& child = webview(main, "panel", WebviewBounds{0, 0, 10, 10});
  WebKitWebView* view = child.view();
  child.close();
  EXPECT_FALSE(windows_.caller_of(view, "app://localhost"));
  EXPECT_FALSE(windows_.label_in_use("panel"));
  EXPECT_EQ(closed_, "panel ") << "closing a webview reports it once, at once";
  AppWebview& again = webview(main, "panel", WebviewBounds{0, 0, 20, 20});
  EXPECT_TRUE(again.open());
  EXPECT_EQ(windows_.find_webview("panel"), &again);
  main.close();
  EXPECT_FALSE(again.open()) << "a window closes its webviews";
  EXPECT_EQ(closed_, "panel panel ") << "and reports each";
  EXPECT_EQ(windows_.open_count(), 0u);
  EXPECT_NO_THROW(window("main")) << "a closed window's label is free again";
}

TEST_F(WindowSetGtk, ReparentMovesAChildAndItsCallerWindow) {
  AppWindow& left = window("left");
  window("right");
  AppWebview& child = webview(left, "panel", WebviewBounds{5, 6, 30, 40});
  uint64_t page = windows_.page_of("panel");
  windows_.reparent("panel", "right");
  AppWebview* moved = windows_.find_webview("panel");
  ASSERT_EQ(moved, &child) << "the same webview, not a new one";
  EXPECT_EQ(moved->window_label(), "right");
  EXPECT_EQ(windows_.caller_of(moved->view(), "app://localhost")->window, "right");
  EXPECT_EQ(windows_.find("right")->bounds_of("panel")->x, 5);
  EXPECT_EQ(windows_.find("left")->find_webview("panel"), nullptr);
  EXPECT_EQ(windows_.page_of("panel"), page) << "moving is no new page";
  EXPECT_THROW(windows_.reparent("panel", "nowhere"), std::invalid_argument);
  EXPECT_EQ(windows_.page_of("ghost"), 0u);
}

}  // namespace
}  // namespace warden::webview
