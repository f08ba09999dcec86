// The state file as Tauri's window-state writes it: the same members, a damaged file reported and
// ignored as a whole, written atomically with mode 0600; the config keys and StateFlags bits.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "plugin_config.hpp"
#include "saved_state.hpp"
#include "state_file.hpp"

using namespace warden::window_state_plugin;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("warden-window-state-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// What read_state_file reported (empty: nothing) and what it read.
std::pair<std::string, SavedStates> read_reporting(const fs::path& file) {
  std::string reported;
  SavedStates states = read_state_file(file, [&](const std::string& m) { reported = m; });
  return {reported, states};
}

const char* kTauriFile = R"({
  "main": {
    "width": 800,
    "height": 600,
    "x": 10,
    "y": -20,
    "prev_x": 5,
    "prev_y": 6,
    "maximized": true,
    "visible": true,
    "decorated": false,
    "fullscreen": false
  }
})";

}  // namespace

TEST(WindowStateFile, TauriShapeRoundTrips) {
  SavedStates states = from_file_json(boost::json::parse(kTauriFile));
  ASSERT_EQ(states.size(), 1u);
  const SavedState& s = states.at("main");
  EXPECT_EQ(s.width, 800u);
  EXPECT_EQ(s.y, -20);
  EXPECT_TRUE(s.maximized);
  EXPECT_FALSE(s.decorated);
  EXPECT_EQ(to_file_json(states), kTauriFile) << "written as Tauri's serde_json pretty-printer does";
  EXPECT_EQ(to_file_json({}), "{}");
}

TEST(WindowStateFile, DamagedFilesAreReportedAndIgnored) {
  fs::path folder = fresh_folder("damaged");
  fs::path file = folder / ".window-state.json";
  auto [none_said, none] = read_reporting(file);
  EXPECT_TRUE(none_said.empty()) << "a missing file is no damage";
  EXPECT_TRUE(none.empty());
  const std::vector<std::pair<std::string, std::string>> damaged = {
      {"{\"main\": {\"width\": 1", "not JSON"},
      {"[1, 2]", "an object of window states"},
      {R"({"main": 3})", "must be an object"},
      {R"({"main": {"width": 1}})", "'height'"},
      {R"({"main": {"width": -1, "height": 1, "x": 0, "y": 0, "prev_x": 0, "prev_y": 0, "maximized": false, "visible": true, "decorated": true, "fullscreen": false}})", "'width'"},
      {R"({"main": {"width": 1, "height": 1, "x": 4294967296, "y": 0, "prev_x": 0, "prev_y": 0, "maximized": false, "visible": true, "decorated": true, "fullscreen": false}})", "'x'"},
      {R"({"main": {"width": 1, "height": 1, "x": 0, "y": 0, "prev_x": 0, "prev_y": 0, "maximized": 1, "visible": true, "decorated": true, "fullscreen": false}})", "'maximized'"},
      {R"({"main": {"width": 1.5, "height": 1, "x": 0, "y": 0, "prev_x": 0, "prev_y": 0, "maximized": false, "visible": true, "decorated": true, "fullscreen": false}})", "'width'"},
  };
  for (const auto& [text, why] : damaged) {
    write_text(file, text);
    auto [said, states] = read_reporting(file);
    EXPECT_TRUE(states.empty()) << text;
    EXPECT_NE(said.find("is ignored"), std::string::npos) << said;
    EXPECT_NE(said.find(why), std::string::npos) << text << " -> " << said;
  }
  // Over the size limit: not even parsed.
  write_text(file, std::string(kMaxStateFileBytes + 1, ' '));
  EXPECT_NE(read_reporting(file).first.find("more than"), std::string::npos);
  fs::remove(file);
  fs::create_directories(file);
  EXPECT_NE(read_reporting(file).first.find("not a regular file"), std::string::npos);
  fs::remove_all(folder);
}

TEST(WindowStateFile, WrittenWholeWithModeSixHundredAndNothingLeftBeside) {
  fs::path folder = fresh_folder("write") / "dev.example.app";
  fs::path file = folder / ".window-state.json";
  SavedStates states = from_file_json(boost::json::parse(kTauriFile));
  write_state_file(file, states);
  write_state_file(file, states);  // over an existing file
  auto [said, back] = read_reporting(file);
  EXPECT_TRUE(said.empty()) << said;
  EXPECT_EQ(back, states);
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(folder.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u) << "the folder it made";
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(folder)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{".window-state.json"}) << "no temporary file left";
  fs::remove_all(folder.parent_path());
}

TEST(WindowStateFile, StateFlagsAreTauris) {
  EXPECT_EQ(state_flags(63), 63u);
  EXPECT_EQ(state_flags(0), 0u);
  try {
    state_flags(64);
    FAIL() << "64 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Invalid state flags bits: 64"), std::string::npos) << e.what();
  }
}

TEST(WindowStateConfig, TaurisBuilderOptions) {
  PluginConfig d = parse_plugin_config(boost::json::value(nullptr));
  EXPECT_EQ(d.state_flags, kAllFlags);
  EXPECT_EQ(d.filename, ".window-state.json");
  PluginConfig c = parse_plugin_config(boost::json::parse(
      R"({"stateFlags": 3, "denylist": ["splash"], "skipInitialState": ["about"], "filename": "w.json"})"));
  EXPECT_EQ(c.state_flags, 3u);
  EXPECT_TRUE(c.denylist.contains("splash"));
  EXPECT_TRUE(c.skip_initial.contains("about"));
  EXPECT_EQ(c.filename, "w.json");
}

TEST(WindowStateConfig, RefusedWithTheKeyNamed) {
  for (const auto& [text, named] : std::vector<std::pair<std::string, std::string>>{
           {R"({"stateFlag": 3})", "no key 'stateFlag'"},
           {R"({"stateFlags": 64})", "stateFlags"},
           {R"({"stateFlags": -1})", "stateFlags"},
           {R"({"denylist": "main"})", "denylist"},
           {R"({"denylist": [""]})", "denylist"},
           {R"({"filename": "../escape.json"})", "filename"},
           {R"({"filename": "/etc/x"})", "filename"},
           {R"({"filename": ".."})", "filename"},
           {R"({"filename": ""})", "filename"},
           {R"([1])", "must be an object"}}) {
    try {
      parse_plugin_config(boost::json::parse(text));
      ADD_FAILURE() << text << " accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(named), std::string::npos) << text << " -> " << e.what();
    }
  }
}
