// A response header's bytes as the page sees them: UTF-8 kept, anything else read as the Fetch
// standard's ByteString (Latin-1), so fetch_send's answer is always valid JSON.
#include "header_text.hpp"

#include <gtest/gtest.h>

namespace hp = warden::http_plugin;

TEST(HttpHeaderText, ResponseHeaderTextIsAlwaysUtf8) {
  EXPECT_EQ(hp::header_text("plain"), "plain");
  EXPECT_EQ(hp::header_text("caf\xc3\xa9"), "caf\xc3\xa9");                 // UTF-8 kept
  EXPECT_EQ(hp::header_text("caf\xe9"), "caf\xc3\xa9");                     // Latin-1 read as bytes
  EXPECT_EQ(hp::header_text("a\xff\xfe\xc0\x80z"), "a\xc3\xbf\xc3\xbe\xc3\x80\xc2\x80z");  // overlong: bytes
  EXPECT_EQ(hp::header_text("\xed\xa0\x80"), "\xc3\xad\xc2\xa0\xc2\x80");     // a surrogate: bytes
  EXPECT_EQ(hp::header_text("\xe2\x82"), "\xc3\xa2\xc2\x82");                 // cut short: bytes
}
