// The UTF-8 rule for paths between host and plugins (plugin/utf8_text.hpp): what a hostile plugin
// or page could slip into JSON, scope entries or audit lines is refused, text of any script is not.
#include <gtest/gtest.h>

#include <string>

#include "plugin/utf8_text.hpp"

using warden::plugin::is_utf8;

TEST(Utf8Text, TextOfAnyScriptIsUtf8) {
  EXPECT_TRUE(is_utf8(""));
  EXPECT_TRUE(is_utf8("/home/ana/notes.txt"));
  EXPECT_TRUE(is_utf8("/home/ana/r\xc3\xa9sum\xc3\xa9"));             // é
  EXPECT_TRUE(is_utf8("/tmp/\xe6\x96\x87\xe4\xbb\xb6"));               // 文件
  EXPECT_TRUE(is_utf8("/tmp/\xf0\x9f\x93\x81"));                       // U+1F4C1
  EXPECT_TRUE(is_utf8("\xf4\x8f\xbf\xbf"));                            // U+10FFFF, the last
}

TEST(Utf8Text, MalformedBytesAreRefused) {
  EXPECT_FALSE(is_utf8("/tmp/\xff"));                // no lead byte
  EXPECT_FALSE(is_utf8("/tmp/\x80"));                // a continuation alone
  EXPECT_FALSE(is_utf8("/tmp/\xc3"));                // cut short at the end
  EXPECT_FALSE(is_utf8("/tmp/\xe6\x96"));            // cut short at the end
  EXPECT_FALSE(is_utf8("/tmp/\xc3(x"));              // not a continuation
  EXPECT_FALSE(is_utf8("\xc0\xaf"));                 // overlong '/', which a lax reader takes for '/'
  EXPECT_FALSE(is_utf8("\xe0\x80\xaf"));             // overlong '/' again
  EXPECT_FALSE(is_utf8("\xed\xa0\x80"));             // a surrogate
  EXPECT_FALSE(is_utf8("\xf4\x90\x80\x80"));         // past U+10FFFF
  EXPECT_FALSE(is_utf8("\xf8\x88\x80\x80\x80"));     // five-byte forms are gone
}
