// What the page receives of a child's output: valid UTF-8 whatever the bytes, raw byte arrays,
// other encodings through iconv, and lines cut the way Tauri's spawn events are.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "output_decoder.hpp"

namespace json = boost::json;
using namespace warden::shell_plugin;

TEST(OutputDecoder, Utf8IsLossyNeverInvalid) {
  EXPECT_EQ(utf8_lossy("h\xC3\xA9llo"), "h\xC3\xA9llo");
  EXPECT_EQ(utf8_lossy("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(utf8_lossy("\xC3"), "\xEF\xBF\xBD");           // truncated sequence
  EXPECT_EQ(utf8_lossy("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  auto d = OutputDecoder::for_encoding(std::nullopt);
  EXPECT_EQ(json::serialize(d.decode("x\xFE")), "\"x\xEF\xBF\xBD\"");
}

TEST(OutputDecoder, RawGivesByteArraysAndIconvLabelsDecode) {
  auto raw = OutputDecoder::for_encoding("raw");
  EXPECT_EQ(raw.decode(std::string("\x00\xFF" "A", 3)), json::parse("[0,255,65]"));
  auto latin = OutputDecoder::for_encoding("latin1");
  EXPECT_EQ(latin.decode("caf\xE9"), json::value("caf\xC3\xA9"));
  auto utf16 = OutputDecoder::for_encoding("UTF-16LE");
  EXPECT_EQ(utf16.decode(std::string("h\0i\0", 4)), json::value("hi"));
  EXPECT_THROW(OutputDecoder::for_encoding("no-such-encoding"), std::invalid_argument);
  EXPECT_THROW(OutputDecoder::for_encoding("../../etc/x"), std::invalid_argument);
}

TEST(LineSplitter, LinesKeepTheirTerminatorAndCrLfStaysTogether) {
  LineSplitter s;
  EXPECT_EQ(s.feed("one\ntw"), (std::vector<std::string>{"one\n"}));
  EXPECT_EQ(s.feed("o\r"), std::vector<std::string>{});  // may be half of \r\n
  EXPECT_EQ(s.feed("\nthree\rfour"), (std::vector<std::string>{"two\r\n", "three\r"}));
  EXPECT_EQ(s.finish(), std::optional<std::string>("four"));
  EXPECT_EQ(s.finish(), std::nullopt);
}

TEST(LineSplitter, AnEndlessLineIsCut) {
  LineSplitter s(8);
  auto lines = s.feed("0123456789abcdefXY\n");
  EXPECT_EQ(lines, (std::vector<std::string>{"01234567", "89abcdef", "XY\n"}));
}
