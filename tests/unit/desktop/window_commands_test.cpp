// core:window's arguments as @tauri-apps/api sends them (dpi.js Size/Position, window.js's
// constraints, cursor icons, resize directions, colors, themes, progress bars), parsed and
// converted to GTK's logical pixels without a display; and the Linux no-op/refused lists.
#include <gtest/gtest.h>

#include <gdk/gdk.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "desktop/window_commands.hpp"
#include "desktop_test_context.hpp"

namespace warden::desktop {
namespace {
namespace json = boost::json;
namespace wa = window_args;

TEST(WindowArgs, SizeReadsPhysicalAndLogical) {
  auto physical = wa::size(json::parse(R"({"Physical":{"width":800,"height":600}})"), "value");
  EXPECT_EQ(physical.unit, wa::Unit::physical);
  EXPECT_EQ(physical.width, 800);
  EXPECT_EQ(physical.height, 600);
  auto logical = wa::size(json::parse(R"({"Logical":{"width":400.5,"height":300}})"), "value");
  EXPECT_EQ(logical.unit, wa::Unit::logical);
  EXPECT_EQ(logical.width, 400.5);
}

TEST(WindowArgs, SizeRefusesOtherShapesNamingTheArgument) {
  for (const char* bad : {R"({"width":1,"height":2})", R"({"Physical":{"width":1}})",
                          R"({"Physical":{"width":-1,"height":2}})",
                          R"({"Physical":{"width":"1","height":2}})", R"([1,2])", R"(null)",
                          R"({"Physical":{"width":1,"height":2},"Logical":{"width":1,"height":2}})"}) {
    try {
      wa::size(json::parse(bad), "value");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("'"), std::string::npos) << e.what();
    }
  }
}

TEST(WindowArgs, PositionReadsTaggedAndBarePhysical) {
  auto logical = wa::position(json::parse(R"({"Logical":{"x":-10,"y":20}})"), "value");
  EXPECT_EQ(logical.unit, wa::Unit::logical);
  EXPECT_EQ(logical.x, -10);
  EXPECT_EQ(logical.y, 20);
  // setFullscreenOnMonitor passes a PhysicalPosition as it serializes: {x, y}.
  auto bare = wa::position(json::parse(R"({"x":1920,"y":0})"), "value");
  EXPECT_EQ(bare.unit, wa::Unit::physical);
  EXPECT_EQ(bare.x, 1920);
  EXPECT_THROW(wa::position(json::parse(R"({"Physical":{"x":1}})"), "value"), std::invalid_argument);
  EXPECT_THROW(wa::position(json::parse(R"("10,20")"), "value"), std::invalid_argument);
}

TEST(WindowArgs, PhysicalPixelsBecomeLogicalByTheScaleFactor) {
  EXPECT_EQ(wa::logical_length(800, wa::Unit::physical, 2), 400);
  EXPECT_EQ(wa::logical_length(800, wa::Unit::logical, 2), 800);
  EXPECT_EQ(wa::logical_length(801, wa::Unit::physical, 2), 401);  // rounded
  EXPECT_EQ(wa::logical_coordinate(-300, wa::Unit::physical, 3), -100);
  EXPECT_EQ(wa::logical_coordinate(99.6, wa::Unit::logical, 1), 100);
}

TEST(WindowArgs, LengthsAndCoordinatesStayWithinWhatX11Holds) {
  EXPECT_EQ(wa::logical_length(1e12, wa::Unit::logical, 1), 32767);
  EXPECT_EQ(wa::logical_length(0, wa::Unit::logical, 1), 1);
  EXPECT_EQ(wa::logical_coordinate(-1e12, wa::Unit::physical, 1), -32768);
  EXPECT_EQ(wa::logical_coordinate(1e12, wa::Unit::physical, 1), 32767);
}

TEST(WindowArgs, SizeConstraintsReadEachSideInItsUnit) {
  auto c = wa::size_constraints(
      json::parse(R"({"minWidth":{"Logical":300},"minHeight":null,)"
                  R"("maxWidth":{"Physical":1000},"maxHeight":{"Logical":700}})"),
      2);
  EXPECT_EQ(c.min_width, 300);
  EXPECT_FALSE(c.min_height);
  EXPECT_EQ(c.max_width, 500);
  EXPECT_EQ(c.max_height, 700);
  auto none = wa::size_constraints(json::parse(R"({})"), 1);
  EXPECT_FALSE(none.min_width || none.min_height || none.max_width || none.max_height);
  EXPECT_THROW(wa::size_constraints(json::parse(R"({"minWidth":300})"), 1), std::invalid_argument);
  EXPECT_THROW(wa::size_constraints(json::parse(R"({"minWidth":{"Logical":-1}})"), 1), std::invalid_argument);
  EXPECT_THROW(wa::size_constraints(json::parse(R"(null)"), 1), std::invalid_argument);
}

TEST(WindowArgs, EveryCursorIconOfThePackageHasACssName) {
  // window.d.ts's CursorIcon.
  for (const char* icon : {"default", "crosshair", "hand", "arrow", "move", "text", "wait", "help", "progress",
                           "notAllowed", "contextMenu", "cell", "verticalText", "alias", "copy", "noDrop", "grab",
                           "grabbing", "allScroll", "zoomIn", "zoomOut", "eResize", "nResize", "neResize", "nwResize",
                           "sResize", "seResize", "swResize", "wResize", "ewResize", "nsResize", "neswResize",
                           "nwseResize", "colResize", "rowResize"})
    EXPECT_TRUE(wa::css_cursor_name(icon)) << icon;
  EXPECT_EQ(wa::css_cursor_name("hand"), "pointer");
  EXPECT_EQ(wa::css_cursor_name("nwseResize"), "nwse-resize");
  EXPECT_FALSE(wa::css_cursor_name("url(evil.png)"));
  EXPECT_FALSE(wa::css_cursor_name("Default"));
}

TEST(WindowArgs, ResizeDirectionsAreGdkEdges) {
  EXPECT_EQ(wa::resize_edge("NorthWest"), GDK_WINDOW_EDGE_NORTH_WEST);
  EXPECT_EQ(wa::resize_edge("East"), GDK_WINDOW_EDGE_EAST);
  EXPECT_EQ(wa::resize_edge("SouthEast"), GDK_WINDOW_EDGE_SOUTH_EAST);
  std::set<int> edges;
  for (const char* d : {"East", "North", "NorthEast", "NorthWest", "South", "SouthEast", "SouthWest", "West"})
    edges.insert(wa::resize_edge(d).value_or(-1));
  EXPECT_EQ(edges.size(), 8u);
  EXPECT_FALSE(edges.count(-1));
  EXPECT_FALSE(wa::resize_edge("east"));
}

TEST(WindowArgs, ColorsInEveryShapeOfThePackage) {
  auto expect = [](const char* text, int r, int g, int b, int a) {
    auto c = wa::color(json::parse(text));
    EXPECT_EQ(c.red, r) << text;
    EXPECT_EQ(c.green, g) << text;
    EXPECT_EQ(c.blue, b) << text;
    EXPECT_EQ(c.alpha, a) << text;
  };
  expect(R"("#2f2f2f")", 47, 47, 47, 255);
  expect(R"("2f2f2f80")", 47, 47, 47, 128);
  expect(R"("#fff")", 255, 255, 255, 255);
  expect(R"("#f008")", 255, 0, 0, 136);
  expect(R"([47,47,47])", 47, 47, 47, 255);
  expect(R"([1,2,3,4])", 1, 2, 3, 4);
  expect(R"({"red":1,"green":2,"blue":3,"alpha":4})", 1, 2, 3, 4);
  for (const char* bad : {R"("#12345")", R"("#gggggg")", R"([1,2])", R"([256,0,0])", R"([1.5,0,0])",
                          R"({"red":1,"green":2})", R"(true)"})
    EXPECT_THROW(wa::color(json::parse(bad)), std::invalid_argument) << bad;
}

TEST(WindowArgs, ThemeIsLightDarkOrNull) {
  EXPECT_EQ(wa::theme(json::parse(R"("dark")")), wa::Theme::dark);
  EXPECT_EQ(wa::theme(json::parse(R"("light")")), wa::Theme::light);
  EXPECT_FALSE(wa::theme(json::parse("null")));
  EXPECT_THROW(wa::theme(json::parse(R"("Dark")")), std::invalid_argument);
}

TEST(WindowArgs, ProgressBarState) {
  auto bar = wa::progress_bar(json::parse(R"({"status":"normal","progress":50})"));
  EXPECT_EQ(bar.status, "normal");
  EXPECT_EQ(bar.progress, 50);
  auto empty = wa::progress_bar(json::parse(R"({})"));
  EXPECT_FALSE(empty.status || empty.progress);
  EXPECT_THROW(wa::progress_bar(json::parse(R"({"status":"busy"})")), std::invalid_argument);
  EXPECT_THROW(wa::progress_bar(json::parse(R"({"progress":101})")), std::invalid_argument);
}

// The commands docs/bridge.md lists as doing nothing, or refused, on Linux are the package's
// window commands (tests/data/tauri-api/core-commands.txt), each listed once.
TEST(WindowCommands, TheLinuxListsNameCommandsOfThePackage) {
  std::set<std::string> window_commands;
  for (const auto& line : test::package_core_commands())
    if (line.rfind("window|", 0) == 0) window_commands.insert(line.substr(7));
  ASSERT_FALSE(window_commands.empty());
  std::set<std::string_view> seen;
  for (const auto* list : {&window_commands_without_effect_on_linux(), &window_commands_refused_on_linux()})
    for (std::string_view name : *list) {
      EXPECT_TRUE(window_commands.count(std::string(name))) << name;
      EXPECT_TRUE(seen.insert(name).second) << name << " is listed twice";
    }
  EXPECT_TRUE(seen.count("set_effects"));
  EXPECT_TRUE(seen.count("activity_name"));
}

TEST(WindowCommands, TheDragRegionScriptCallsTheWindowCommands) {
  const std::string& script = drag_region_script();
  EXPECT_NE(script.find("data-tauri-drag-region"), std::string::npos);
  EXPECT_NE(script.find("plugin:window|start_dragging"), std::string::npos);
  EXPECT_NE(script.find("plugin:window|internal_toggle_maximize"), std::string::npos);
}

}  // namespace
}  // namespace warden::desktop
