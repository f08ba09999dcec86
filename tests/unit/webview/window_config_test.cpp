// Tauri's WindowConfig as warden.conf.json's app.windows[] and `new WebviewWindow(label, options)`
// give it: every key Warden acts on, the keys accepted without effect on Linux, and clear errors
// naming the key for values of the wrong type or out of range. What GTK makes of the config is
// checked under a window manager (tests/e2e/windows).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "temp_dir.hpp"
#include "webview/frontend_config.hpp"
#include "webview/window_config.hpp"

using namespace warden::webview;

namespace {

WindowConfig parse(const std::string& text, WindowConfig defaults = {}) {
  return parse_window_config(boost::json::parse(text).as_object(), "options", std::move(defaults));
}

// The message parse throws for `text`, or "" when it does not throw.
std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(WindowConfig, DefaultsAreTauris) {
  WindowConfig c = parse("{}");
  EXPECT_EQ(c.label, "main");
  EXPECT_EQ(c.width, 800);
  EXPECT_EQ(c.height, 600);
  EXPECT_FALSE(c.x || c.y || c.min_width || c.max_height || c.theme || c.background_color || c.parent);
  EXPECT_TRUE(c.resizable && c.maximizable && c.minimizable && c.closable && c.focus && c.focusable && c.visible &&
              c.decorations && c.shadow && c.create && c.drag_drop_enabled);
  EXPECT_FALSE(c.fullscreen || c.transparent || c.maximized || c.always_on_top || c.always_on_bottom ||
               c.content_protected || c.skip_taskbar || c.visible_on_all_workspaces || c.center ||
               c.zoom_hotkeys_enabled || c.incognito || c.javascript_disabled);
  EXPECT_FALSE(c.devtools.has_value());
}

TEST(WindowConfig, StartsFromTheGivenDefaults) {
  WindowConfig defaults;
  defaults.title = "My App";
  EXPECT_EQ(parse("{}", defaults).title, "My App");
  EXPECT_EQ(parse(R"({"title": "Settings"})", defaults).title, "Settings");
}

TEST(WindowConfig, ReadsEveryKeyWardenActsOn) {
  WindowConfig c = parse(R"({
    "label": "settings/one:two_3-4", "url": "/settings.html", "title": "Settings",
    "width": 640.4, "height": 480, "x": -20, "y": 30, "center": true,
    "minWidth": 200, "minHeight": 100, "maxWidth": 1000, "maxHeight": 900,
    "preventOverflow": {"width": 10, "height": 20},
    "resizable": false, "maximizable": false, "minimizable": false, "closable": false,
    "fullscreen": true, "focus": false, "focusable": false, "transparent": true, "maximized": true,
    "visible": false, "decorations": false, "alwaysOnTop": true, "alwaysOnBottom": true,
    "contentProtected": true, "skipTaskbar": true, "visibleOnAllWorkspaces": true, "shadow": false,
    "theme": "dark", "backgroundColor": "#10203040", "parent": "main", "create": false,
    "userAgent": "UA/1", "dragDropEnabled": false, "zoomHotkeysEnabled": true, "devtools": false,
    "incognito": true, "javascriptDisabled": true
  })");
  EXPECT_EQ(c.label, "settings/one:two_3-4");
  EXPECT_EQ(c.url, "/settings.html");
  EXPECT_EQ(c.title, "Settings");
  EXPECT_EQ(c.width, 640);
  EXPECT_EQ(c.height, 480);
  EXPECT_EQ(c.x, -20);
  EXPECT_EQ(c.y, 30);
  EXPECT_TRUE(c.center);
  EXPECT_EQ(c.min_width, 200);
  EXPECT_EQ(c.min_height, 100);
  EXPECT_EQ(c.max_width, 1000);
  EXPECT_EQ(c.max_height, 900);
  ASSERT_TRUE(c.prevent_overflow);
  EXPECT_EQ(c.prevent_overflow->width, 10);
  EXPECT_EQ(c.prevent_overflow->height, 20);
  EXPECT_FALSE(c.resizable || c.maximizable || c.minimizable || c.closable || c.focus || c.focusable || c.visible ||
               c.decorations || c.shadow || c.create || c.drag_drop_enabled);
  EXPECT_TRUE(c.fullscreen && c.transparent && c.maximized && c.always_on_top && c.always_on_bottom &&
              c.content_protected && c.skip_taskbar && c.visible_on_all_workspaces && c.zoom_hotkeys_enabled &&
              c.incognito && c.javascript_disabled);
  EXPECT_EQ(c.theme, WindowTheme::dark);
  EXPECT_EQ(c.background_color, (WindowColor{0x10, 0x20, 0x30, 0x40}));
  EXPECT_EQ(c.parent, "main");
  EXPECT_EQ(c.user_agent, "UA/1");
  EXPECT_EQ(c.devtools, false);
  EXPECT_TRUE(c.ignored_keys.empty());
}

TEST(WindowConfig, NullMeansNotSet) {
  WindowConfig c = parse(R"({"x": null, "theme": null, "width": null, "resizable": null, "parent": null})");
  EXPECT_FALSE(c.x || c.theme || c.parent);
  EXPECT_EQ(c.width, 800);
  EXPECT_TRUE(c.resizable);
  EXPECT_EQ(parse(R"({"theme": "light"})").theme, WindowTheme::light);
}

TEST(WindowConfig, ColoursInEveryFormTauriAccepts) {
  auto colour = [](const std::string& json) { return parse(R"({"backgroundColor": )" + json + "}").background_color; };
  EXPECT_EQ(colour(R"("#ff8000")"), (WindowColor{255, 128, 0, 255}));
  EXPECT_EQ(colour(R"("#F80")"), (WindowColor{255, 136, 0, 255}));
  EXPECT_EQ(colour(R"("#f808")"), (WindowColor{255, 136, 0, 136}));
  EXPECT_EQ(colour("[1, 2, 3]"), (WindowColor{1, 2, 3, 255}));
  EXPECT_EQ(colour("[1, 2, 3, 4]"), (WindowColor{1, 2, 3, 4}));
  EXPECT_EQ(colour(R"({"red": 9, "green": 8, "blue": 7, "alpha": 0})"), (WindowColor{9, 8, 7, 0}));
  EXPECT_EQ(colour(R"({"red": 9, "green": 8, "blue": 7})"), (WindowColor{9, 8, 7, 255}));
  for (const char* bad : {R"("red")", R"("#12345")", R"("#gg0000")", "[1, 2]", "[1, 2, 256]", "[1, 2, 3.5]",
                          "[-1, 0, 0]", R"({"red": 1, "green": 2})", "7", "true"})
    EXPECT_NE(error_of(std::string(R"({"backgroundColor": )") + bad + "}").find("options.backgroundColor: must be"),
              std::string::npos)
        << bad;
}

TEST(WindowConfig, PreventOverflowTakesABooleanOrAMargin) {
  auto margin = parse(R"({"preventOverflow": true})").prevent_overflow;
  ASSERT_TRUE(margin);
  EXPECT_EQ(margin->width, 0);
  EXPECT_FALSE(parse(R"({"preventOverflow": false})").prevent_overflow);
  EXPECT_NE(error_of(R"({"preventOverflow": "yes"})").find("options.preventOverflow: must be"), std::string::npos);
  EXPECT_NE(error_of(R"({"preventOverflow": {"width": "1"}})").find("options.preventOverflow.width: must be a number"),
            std::string::npos);
}

TEST(WindowConfig, WrongTypesNameTheKeyAndWhatWasExpected) {
  EXPECT_EQ(error_of(R"({"width": "800"})"), "options.width: must be a number");
  EXPECT_EQ(error_of(R"({"width": 10})"), "options.width: must be between 50 and 16384");
  EXPECT_EQ(error_of(R"({"height": 1e9})"), "options.height: must be between 50 and 16384");
  EXPECT_EQ(error_of(R"({"x": 99999})"), "options.x: must be between -16384 and 16384");
  EXPECT_EQ(error_of(R"({"minWidth": -1})"), "options.minWidth: must be between 0 and 16384");
  EXPECT_EQ(error_of(R"({"maxHeight": []})"), "options.maxHeight: must be a number");
  EXPECT_EQ(error_of(R"({"title": 5})"), "options.title: must be a string");
  EXPECT_EQ(error_of(R"({"url": ""})"), "options.url: must not be empty");
  EXPECT_EQ(error_of(R"({"userAgent": false})"), "options.userAgent: must be a string");
  EXPECT_EQ(error_of(R"({"theme": "blue"})"), "options.theme: must be \"light\", \"dark\" or null");
  EXPECT_EQ(error_of(R"({"devtools": 1})"), "options.devtools: must be true or false");
  for (const char* flag : {"center", "resizable", "maximizable", "minimizable", "closable", "fullscreen", "focus",
                           "focusable", "transparent", "maximized", "visible", "decorations", "alwaysOnTop",
                           "alwaysOnBottom", "contentProtected", "skipTaskbar", "visibleOnAllWorkspaces", "shadow",
                           "create", "dragDropEnabled", "zoomHotkeysEnabled", "incognito", "javascriptDisabled"})
    EXPECT_EQ(error_of(std::string("{\"") + flag + "\": \"true\"}"), std::string("options.") + flag + ": must be true or false");
  EXPECT_EQ(error_of(R"({"minWidth": 500, "maxWidth": 400})"), "options.minWidth: must not exceed its max (400)");
}

TEST(WindowConfig, LabelsFollowTaurisRule) {
  EXPECT_NE(error_of(R"({"label": ""})").find("options.label: '' must be non-empty"), std::string::npos);
  EXPECT_NE(error_of(R"({"label": "a b"})").find("options.label: 'a b'"), std::string::npos);
  EXPECT_NE(error_of(R"({"label": "x\"</script>"})").find("options.label:"), std::string::npos);
  EXPECT_NE(error_of(R"({"parent": "a.b"})").find("options.parent: 'a.b' is not a window label"), std::string::npos);
}

TEST(WindowConfig, PlatformKeysAreAcceptedAndListed) {
  WindowConfig c = parse(R"({"titleBarStyle": "Overlay", "hiddenTitle": true, "windowEffects": {"effects": []},
                             "additionalBrowserArgs": "--x", "proxyUrl": "http://p:1", "scrollBarStyle": "fluentOverlay"})");
  EXPECT_EQ(c.ignored_keys.size(), 6u);
  // Warden's own key, read by the navigation policy: neither ignored nor unknown.
  EXPECT_TRUE(parse(R"({"navigation": {"allow": []}})").ignored_keys.empty());
  // A key Tauri does not have (or a newer one) is ignored too: it must not stop the app.
  EXPECT_EQ(error_of(R"({"someFutureKey": 1})"), "");
}

TEST(WindowConfig, TheConfigFileReadsWindowsWithThisParser) {
  auto c = parse_frontend_config(R"({"identifier": "a", "productName": "Prod", "app": {"windows": [
      {"label": "main", "decorations": false, "alwaysOnTop": true},
      {"label": "other", "create": false, "theme": "light"}]}})",
                                 "t.json", "/app");
  ASSERT_EQ(c.windows.size(), 2u);
  EXPECT_EQ(c.windows[0].title, "Prod");
  EXPECT_FALSE(c.windows[0].decorations);
  EXPECT_TRUE(c.windows[0].always_on_top);
  EXPECT_FALSE(c.windows[1].create);
  try {
    parse_frontend_config(R"({"identifier": "a", "app": {"windows": [{"label": "m"}, {"resizable": 1}]}})", "t.json", "/app");
    FAIL() << "a window key of the wrong type must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "t.json: app.windows[1].resizable: must be true or false");
  }
}

TEST(WindowConfig, StartUrl) {
  WindowConfig c;
  c.url = "/a/b.html";
  EXPECT_EQ(window_start_url(c), "app://localhost/a/b.html");
  c.url = "https://example.com/x";
  EXPECT_EQ(window_start_url(c), "https://example.com/x");
}

// Tauri's Linux window icon: bundle.icon's first PNG, else icons/icon.png; only a file that is there.
TEST(WindowConfig, TheWindowIconIsTheFirstPngOfBundleIcon) {
  warden::test::TempDir app("warden-window-icon");
  EXPECT_FALSE(parse_frontend_config(R"({"identifier": "a"})", "t.json", app.path).window_icon);
  app.write("icons/icon.png", "png");
  EXPECT_EQ(parse_frontend_config(R"({"identifier": "a"})", "t.json", app.path).window_icon, app / "icons/icon.png");
  app.write("icons/32x32.png", "png");
  auto c = parse_frontend_config(R"({"identifier": "a", "bundle": {"icon": ["icons/icon.icns", "icons/32x32.png"]}})",
                                 "t.json", app.path);
  EXPECT_EQ(c.window_icon, app / "icons/32x32.png");
  EXPECT_FALSE(parse_frontend_config(R"({"identifier": "a", "bundle": {"icon": ["icons/none.png"]}})", "t.json", app.path)
                   .window_icon);
  EXPECT_THROW(parse_frontend_config(R"({"identifier": "a", "bundle": {"icon": "icons/icon.png"}})", "t.json", app.path),
               std::runtime_error);
}
