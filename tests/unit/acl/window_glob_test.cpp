#include <gtest/gtest.h>

#include "acl/window_glob.hpp"

using warden::acl::WindowGlob;

namespace {
bool m(const char* pattern, const char* label) { return WindowGlob::compile(pattern).matches(label); }
}  // namespace

TEST(WindowGlob, Literal) {
  EXPECT_TRUE(m("main", "main"));
  EXPECT_FALSE(m("main", "main2"));
  EXPECT_FALSE(m("main", "mai"));
  EXPECT_FALSE(m("main", "Main"));  // case-sensitive
  EXPECT_FALSE(m("main", ""));
  EXPECT_TRUE(m("", ""));
}

TEST(WindowGlob, Star) {
  EXPECT_TRUE(m("*", ""));
  EXPECT_TRUE(m("*", "anything at all"));
  EXPECT_TRUE(m("editor-*", "editor-"));
  EXPECT_TRUE(m("editor-*", "editor-1"));
  EXPECT_FALSE(m("editor-*", "editor"));
  EXPECT_FALSE(m("editor-*", "xeditor-1"));
  EXPECT_TRUE(m("*-main", "a-b-main"));
  EXPECT_FALSE(m("*-main", "a-main-b"));
  EXPECT_TRUE(m("a*b*c", "abc"));
  EXPECT_TRUE(m("a*b*c", "aXXbYYbZc"));
  EXPECT_FALSE(m("a*b*c", "aXXbYY"));
  EXPECT_TRUE(m("**", "x"));  // no path separators in labels: same as "*"
  EXPECT_TRUE(m("a**", "a/b"));
}

TEST(WindowGlob, QuestionMarkIsOneCodePoint) {
  EXPECT_TRUE(m("pane-?", "pane-1"));
  EXPECT_FALSE(m("pane-?", "pane-"));
  EXPECT_FALSE(m("pane-?", "pane-12"));
  EXPECT_TRUE(m("pane-?", "pane-\xc3\xa9"));  // é is one character, two bytes
}

TEST(WindowGlob, Classes) {
  EXPECT_TRUE(m("w[abc]", "wb"));
  EXPECT_FALSE(m("w[abc]", "wd"));
  EXPECT_TRUE(m("w[a-c]", "wc"));
  EXPECT_FALSE(m("w[a-c]", "wC"));
  EXPECT_TRUE(m("w[!a-c]", "wd"));
  EXPECT_FALSE(m("w[!a-c]", "wa"));
  EXPECT_TRUE(m("w[]]", "w]"));
  EXPECT_TRUE(m("w[-]", "w-"));
}

TEST(WindowGlob, EscapesViaClasses) {
  EXPECT_TRUE(m("a[*]", "a*"));
  EXPECT_FALSE(m("a[*]", "ab"));
  EXPECT_TRUE(m("a[?]", "a?"));
  EXPECT_FALSE(m("a[?]", "ab"));
}

TEST(WindowGlob, InvalidPatternsThrow) {
  EXPECT_THROW(WindowGlob::compile("main["), std::invalid_argument);
  EXPECT_THROW(WindowGlob::compile("[abc"), std::invalid_argument);
  EXPECT_THROW(WindowGlob::compile("[z-a]"), std::invalid_argument);
}

TEST(WindowGlob, PathologicalPatternStaysFast) {
  std::string pattern = "a*a*a*a*a*a*a*a*a*a*b";
  std::string label(5000, 'a');
  EXPECT_FALSE(WindowGlob::compile(pattern).matches(label));
}

TEST(WindowGlob, InvalidUtf8LabelsDoNotCrash) {
  EXPECT_FALSE(m("?", "\xff\xfe"));
  EXPECT_TRUE(m("*", "\xff\xfe"));
  EXPECT_TRUE(m("??", "\xff\xfe"));
}
