// core:webview's commands and window|create/get_all_windows as the table holds them, answered
// without a display: labels (Tauri's rule), refusals that come before anything opens, and what
// an empty window set reports. Windows and webviews on screen are the windows e2e's
// (tests/e2e/windows: second window, child webview, duplicates, capabilities per label).
#include <gtest/gtest.h>

#include <string>

#include "desktop/webview_commands.hpp"
#include "desktop_test_context.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {
namespace {

struct Fixture : test::DesktopTestContext {
  Fixture() { add_webview_commands(commands, context); }
};

std::string body_of(const ipc::InvokeResponse& r) { return std::string(r.body.begin(), r.body.end()); }

TEST(WebviewLabels, FollowTaurisRule) {
  for (const char* ok : {"main", "a", "panel-2", "tools/left", "ns:view", "under_score", "ABC123"})
    EXPECT_TRUE(webview::valid_label(ok)) << ok;
  for (const char* bad : {"", "with space", "dot.ted", "emoji\xF0\x9F\x98\x80", "semi;colon", "a\nb"})
    EXPECT_FALSE(webview::valid_label(bad)) << bad;
  EXPECT_TRUE(webview::valid_label(std::string(256, 'a')));
  EXPECT_FALSE(webview::valid_label(std::string(257, 'a')));
}

TEST(WebviewCommands, RegistersEveryWebviewCommandOfThePackageAndTheWindowCreationOnes) {
  Fixture f;
  for (const char* name :
       {"plugin:window|create", "plugin:window|get_all_windows", "plugin:webview|create_webview_window",
        "plugin:webview|create_webview", "plugin:webview|get_all_webviews", "plugin:webview|webview_close",
        "plugin:webview|webview_hide", "plugin:webview|webview_show", "plugin:webview|webview_position",
        "plugin:webview|webview_size", "plugin:webview|set_webview_position", "plugin:webview|set_webview_size",
        "plugin:webview|set_webview_focus", "plugin:webview|set_webview_zoom",
        "plugin:webview|set_webview_auto_resize", "plugin:webview|set_webview_background_color",
        "plugin:webview|reparent", "plugin:webview|clear_all_browsing_data"})
    EXPECT_NE(f.commands.find(name), nullptr) << name;
}

TEST(WebviewCommands, AnEmptySetHasNoWindowsNorWebviews) {
  Fixture f;
  auto windows = f.call("plugin:window|get_all_windows", "{}");
  EXPECT_EQ(windows.status, 200);
  EXPECT_EQ(body_of(windows), "[]");
  EXPECT_EQ(body_of(f.call("plugin:webview|get_all_webviews", "{}")), "[]");
}

TEST(WebviewCommands, AnInvalidLabelIsRefusedBeforeAnythingOpens) {
  Fixture f;
  auto r = f.call("plugin:webview|create_webview_window", R"({"options":{"label":"bad label!","url":"x.html"}})");
  EXPECT_NE(r.status, 200);
  EXPECT_NE(body_of(r).find("label 'bad label!' is invalid"), std::string::npos) << body_of(r);
  r = f.call("plugin:window|create", R"({"options":{"label":""}})");
  EXPECT_NE(body_of(r).find("is invalid"), std::string::npos) << body_of(r);
  r = f.call("plugin:window|create", R"({"options":{"title":"no label"}})");
  EXPECT_NE(body_of(r).find("options.label"), std::string::npos) << body_of(r);
}

TEST(WebviewCommands, WithoutTheRunsWindowMachineryCreationFailsCleanly) {
  Fixture f;  // context.factory unset: no web context yet
  auto r = f.call("plugin:webview|create_webview_window", R"({"options":{"label":"second","url":"x.html"}})");
  EXPECT_NE(r.status, 200);
  EXPECT_NE(body_of(r).find("cannot open windows"), std::string::npos) << body_of(r);
}

TEST(WebviewCommands, AChildWebviewNeedsAnOpenWindowAndAPlace) {
  Fixture f;
  auto r = f.call("plugin:webview|create_webview",
                  R"({"windowLabel":"nowhere","options":{"label":"child","x":0,"y":0,"width":10,"height":10}})");
  EXPECT_NE(body_of(r).find("window 'nowhere' not found"), std::string::npos) << body_of(r);
  r = f.call("plugin:webview|create_webview", R"({"options":{"label":"child"}})");
  EXPECT_NE(body_of(r).find("windowLabel"), std::string::npos) << body_of(r);
}

TEST(WebviewCommands, GettersAndSettersNameTheMissingWebview) {
  Fixture f;
  for (const char* command : {"plugin:webview|webview_position", "plugin:webview|webview_size",
                              "plugin:webview|webview_close", "plugin:webview|set_webview_zoom",
                              "plugin:webview|reparent"}) {
    auto r = f.call(command, R"({"label":"ghost","value":1,"window":"main"})");
    EXPECT_NE(r.status, 200) << command;
    EXPECT_NE(body_of(r).find("webview 'ghost' not found"), std::string::npos) << command << ": " << body_of(r);
  }
  // No label: the caller's own webview ("main"), which this empty set does not hold either.
  auto r = f.call("plugin:webview|webview_size", "{}");
  EXPECT_NE(body_of(r).find("webview 'main' not found"), std::string::npos) << body_of(r);
}

}  // namespace
}  // namespace warden::desktop
