// The log plugin's logic: levels, arguments as @tauri-apps/plugin-log sends them, config,
// filters, line format and the rotating file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "log_core.hpp"
#include "temp_dir.hpp"

using namespace warden::log_plugin;
namespace json = boost::json;
namespace fs = std::filesystem;

using warden::test::TempDir;
using warden::test::read_file;

namespace {
Record rec(Level level, std::string target, std::string message = "m") {
  Record r;
  r.level = level;
  r.target = std::move(target);
  r.message = std::move(message);
  return r;
}
}  // namespace

TEST(LogCore, Levels) {
  EXPECT_EQ(parse_level("trace"), Level::trace);
  EXPECT_EQ(parse_level("WARN"), Level::warn);
  EXPECT_EQ(parse_level("warning"), Level::warn);
  EXPECT_EQ(parse_level("off"), Level::off);
  EXPECT_FALSE(parse_level("verbose"));
  EXPECT_EQ(level_from_number(1), Level::trace);
  EXPECT_EQ(level_from_number(5), Level::error);
  EXPECT_FALSE(level_from_number(0));
  EXPECT_FALSE(level_from_number(6));
  EXPECT_EQ(level_name(Level::info), "INFO");
}

TEST(LogCore, Glob) {
  EXPECT_TRUE(glob_match("webview:*", "webview:main"));
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("webview:ma?n", "webview:main"));
  EXPECT_TRUE(glob_match("*:main", "webview:main"));
  EXPECT_TRUE(glob_match("w*v*:*n", "webview:main"));
  EXPECT_FALSE(glob_match("webview:main", "webview:main2"));
  EXPECT_FALSE(glob_match("webview:", "webview:main"));
  EXPECT_FALSE(glob_match("?", ""));
  EXPECT_FALSE(glob_match("a*b", "acbd"));
}

TEST(LogCore, ArgumentsAsThePackageSendsThem) {
  // What log(LogLevel.Warn, 'hi', {file, line, keyValues}) sends; location from the stack.
  auto args = json::parse(R"({"level":4,"message":"hi","location":"f@app://localhost/bundle.js:3:9",
                              "file":"a.js","line":12,"keyValues":{"z":"1","a":"2"}})");
  Record r = parse_log_args(args, "main");
  EXPECT_EQ(r.level, Level::warn);
  EXPECT_EQ(r.target, "webview:main");
  EXPECT_EQ(r.message, "hi");
  EXPECT_EQ(r.location, "f@app://localhost/bundle.js:3:9");
  EXPECT_EQ(r.file, "a.js");
  EXPECT_EQ(r.line, 12u);
  ASSERT_EQ(r.key_values.size(), 2u);
  EXPECT_EQ(r.key_values[0].first, "a");  // sorted
  EXPECT_EQ(format_line(r), "[webview:main] hi a=2 z=1 (at f@app://localhost/bundle.js:3:9) (a.js:12)");
  // Optional fields absent (JSON.stringify drops undefined) or null.
  Record bare = parse_log_args(json::parse(R"({"level":1,"message":"x","file":null})"), "w");
  EXPECT_EQ(format_line(bare), "[webview:w] x");
}

TEST(LogCore, BadArgumentsAreRejected) {
  for (const char* bad : {R"({"message":"x"})", R"({"level":0,"message":"x"})", R"({"level":6,"message":"x"})",
                          R"({"level":"info","message":"x"})", R"({"level":3})", R"({"level":3,"message":1})",
                          R"({"level":3,"message":"x","line":-1})", R"({"level":3,"message":"x","keyValues":{"a":1}})",
                          R"({"level":3,"message":"x","file":7})", R"([])"}) {
    EXPECT_THROW(parse_log_args(json::parse(bad), "main"), std::invalid_argument) << bad;
  }
}

TEST(LogCore, LinesCannotBeForged) {
  Record r = rec(Level::info, "webview:main", "one\n[2026-01-01][00:00:00][ERROR] forged\r\x01");
  EXPECT_EQ(format_line(r), "[webview:main] one\\n[2026-01-01][00:00:00][ERROR] forged\\r?");
  Record big = rec(Level::info, "webview:main", std::string(max_message_bytes + 10, 'a'));
  std::string line = format_line(big);
  EXPECT_EQ(line.size(), std::string("[webview:main] ").size() + max_message_bytes + std::string("...(truncated)").size());
}

TEST(LogCore, DefaultConfigIsConsoleAndLogDir) {
  Config c = parse_config(json::object{});
  EXPECT_EQ(c.level, Level::trace);
  ASSERT_EQ(c.targets.size(), 2u);
  EXPECT_EQ(c.targets[0].kind, TargetKind::console);
  EXPECT_EQ(c.targets[1].kind, TargetKind::log_dir);
  EXPECT_EQ(c.max_file_size, 40000u);
  EXPECT_EQ(c.max_files, 1u);
  EXPECT_EQ(parse_config(nullptr).targets.size(), 2u);
}

TEST(LogCore, ConfigLevelsAndTargetFilters) {
  Config c = parse_config(json::parse(R"({
    "level": "debug",
    "levels": {"webview:*": "info", "webview:noisy*": "error", "webview:quiet": "off"},
    "targets": [
      {"kind": "console", "exclude": ["webview:secret*"]},
      {"kind": "logDir", "fileName": "main-only", "include": ["webview:main"], "level": "warn"},
      {"kind": "folder", "path": "$APPDATA/logs"},
      {"kind": "webview", "level": "error"}
    ],
    "maxFileSize": 4096, "maxFiles": 3
  })"));
  EXPECT_EQ(c.level_for("other"), Level::debug);
  EXPECT_EQ(c.level_for("webview:main"), Level::info);
  EXPECT_EQ(c.level_for("webview:noisy-one"), Level::error);  // longest pattern wins
  EXPECT_FALSE(c.accepts(rec(Level::debug, "webview:main")));
  EXPECT_TRUE(c.accepts(rec(Level::info, "webview:main")));
  EXPECT_FALSE(c.accepts(rec(Level::warn, "webview:noisy-one")));
  EXPECT_TRUE(c.accepts(rec(Level::error, "webview:noisy-one")));
  EXPECT_FALSE(c.accepts(rec(Level::error, "webview:quiet")));
  ASSERT_EQ(c.targets.size(), 4u);
  EXPECT_TRUE(c.targets[0].accepts(rec(Level::info, "webview:main")));
  EXPECT_FALSE(c.targets[0].accepts(rec(Level::error, "webview:secret-window")));
  EXPECT_TRUE(c.targets[1].accepts(rec(Level::warn, "webview:main")));
  EXPECT_FALSE(c.targets[1].accepts(rec(Level::info, "webview:main")));
  EXPECT_FALSE(c.targets[1].accepts(rec(Level::error, "webview:second")));
  EXPECT_EQ(c.targets[1].file_name, "main-only");
  EXPECT_EQ(c.targets[2].path, "$APPDATA/logs");
  EXPECT_FALSE(c.targets[3].accepts(rec(Level::warn, "webview:main")));
  EXPECT_EQ(c.max_file_size, 4096u);
  EXPECT_EQ(c.max_files, 3u);
}

TEST(LogCore, BadConfigNamesTheKey) {
  auto problem = [](const char* text) -> std::string {
    try {
      parse_config(json::parse(text));
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(accepted)";
  };
  EXPECT_NE(problem(R"({"levle": "info"})").find("unknown key 'levle'"), std::string::npos);
  // The host removes its own keys before init (host_config_keys.hpp): here they are unknown.
  EXPECT_NE(problem(R"({"path": "/x/liblog.so"})").find("unknown key 'path'"), std::string::npos);
  EXPECT_NE(problem(R"({"sha256": "ab"})").find("unknown key 'sha256'"), std::string::npos);
  EXPECT_NE(problem(R"({"level": "loud"})").find("'level'"), std::string::npos);
  EXPECT_NE(problem(R"({"targets": [{"kind": "stdout"}]})").find("targets[0].kind"), std::string::npos);
  EXPECT_NE(problem(R"({"targets": [{"kind": "folder"}]})").find("needs a 'path'"), std::string::npos);
  EXPECT_NE(problem(R"({"targets": [{"kind": "logDir", "fileName": "../x"}]})").find("file name"), std::string::npos);
  EXPECT_NE(problem(R"({"targets": [{"kind": "console", "fileName": "x"}]})").find("unknown key 'targets[0].fileName'"),
            std::string::npos);
  EXPECT_NE(problem(R"({"maxFileSize": 10})").find("maxFileSize"), std::string::npos);
  EXPECT_NE(problem(R"({"levels": {"x": "nope"}})").find("levels.x"), std::string::npos);
  EXPECT_NE(problem(R"([])").find("must be an object"), std::string::npos);
}

TEST(LogCore, FileGetsTimestampedLinesAndRotates) {
  TempDir tmp;
  fs::path dir = tmp.path / "app" / "logs";
  {
    LogFile file(dir, "app", 1024, 1);
    EXPECT_EQ(file.path(), dir / "app.log");
    file.write(Level::warn, "[webview:main] first");
    std::string text = read_file(dir / "app.log");
    // [YYYY-MM-DD][HH:MM:SS][WARN] [webview:main] first
    ASSERT_EQ(text.size(), std::string("[2026-11-25][18:00:00][WARN] [webview:main] first\n").size()) << text;
    EXPECT_EQ(text.substr(22), "[WARN] [webview:main] first\n");
    for (int i = 0; i < 40; ++i) file.write(Level::info, "[webview:main] line " + std::to_string(i) + std::string(40, 'x'));
  }
  EXPECT_TRUE(fs::exists(dir / "app.1.log"));
  EXPECT_FALSE(fs::exists(dir / "app.2.log"));  // one rotated file kept
  EXPECT_LE(fs::file_size(dir / "app.log"), 1024u);
  EXPECT_NE(read_file(dir / "app.log").find("line 39"), std::string::npos);
}

// Issue 13, finding 9: one call carried any number of key-values, a line of any size to every
// output. Past the limits the call is refused naming the setting; the message is cut as escaped.
TEST(LogLimits, KeyValuesPastTheLimitsAreRefusedNamingTheSetting) {
  Config c = parse_config(json::parse(R"({"maxKeyValues": 2, "maxKeyValueBytes": 10, "maxMessageBytes": 300})"));
  EXPECT_EQ(c.max_message_bytes, 300u);
  Record r = rec(Level::info, "webview:main", "m");
  r.key_values = {{"a", "1"}, {"b", "2"}};
  EXPECT_NO_THROW(c.check_limits(r));
  r.key_values.push_back({"c", "3"});
  try {
    c.check_limits(r);
    ADD_FAILURE() << "three key-values";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("plugins.log.maxKeyValues (2)"), std::string::npos) << e.what();
  }
  r.key_values = {{"key", "a value too long"}};
  try {
    c.check_limits(r);
    ADD_FAILURE() << "19 bytes of key-values";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("plugins.log.maxKeyValueBytes (10)"), std::string::npos) << e.what();
  }
  Config d = parse_config(json::value(nullptr));
  EXPECT_EQ(d.max_key_values, max_key_values);
  EXPECT_EQ(d.max_key_value_bytes, max_key_value_bytes);
  for (const char* bad : {R"({"maxKeyValues": -1})", R"({"maxMessageBytes": 10})", R"({"maxKeyValueBytes": "4k"})"})
    EXPECT_THROW(parse_config(json::parse(bad)), std::invalid_argument) << bad;
}

TEST(LogLimits, TheMessageIsCutAsEscaped) {
  Record r = rec(Level::info, "webview:main", std::string(1000, '\n'));
  std::string line = format_line(r, 300);
  EXPECT_LE(line.size(), std::string("[webview:main] ").size() + 300 + 1 + std::string("...(truncated)").size());
  EXPECT_EQ(line.find('\n'), std::string::npos);
}
