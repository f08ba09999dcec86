// warden/url_scheme.hpp, how opener and deep-link read a URL's scheme: RFC 3986 syntax, ASCII
// only, compared without case, bounded; anything else is no scheme at all.
#include <string>

#include <gtest/gtest.h>
#include <warden/url_scheme.hpp>

TEST(UrlScheme, ReadsTheSchemeInLowerCase) {
  EXPECT_EQ(warden::url_scheme("wardentest://x/1"), "wardentest");
  EXPECT_EQ(warden::url_scheme("WardenTest:x"), "wardentest");
  EXPECT_EQ(warden::url_scheme("FILE:///etc/passwd"), "file");
  EXPECT_EQ(warden::url_scheme("a+b-c.d:"), "a+b-c.d");
  EXPECT_EQ(warden::url_scheme("x:"), "x");
  // Only the text before the first ':' counts.
  EXPECT_EQ(warden::url_scheme("https://h:8080/a:b"), "https");
}

TEST(UrlScheme, RefusesWhatIsNoScheme) {
  for (const char* text : {"--flag", "/path/file:x", ":x", "1abc:x", "+a:x", ".a:x", "-a:x", "no colon", "",
                           "a b:x", "a_b:x", "a/b:x", " https://h/", "\thttps://h/", "ht\ntp://h/", "ht%74p://h/"})
    EXPECT_FALSE(warden::url_scheme(text)) << text;
}

TEST(UrlScheme, OnlyAsciiLetters) {
  // Bytes above 0x7f are never letters, whatever the locale says (GTK sets the user's): "é" in
  // Latin-1 and in UTF-8, the dotless ı of ISO-8859-9 that tr_TR's tolower makes of 'I'.
  for (const char* text : {"\xe9t:x", "t\xe9:x", "\xc3\xa9t:x", "f\xfdle:///etc/passwd", "fi\xcc\x87le:x"})
    EXPECT_FALSE(warden::url_scheme(text)) << text;
}

TEST(UrlScheme, Bounded) {
  std::string longest(warden::max_url_scheme_bytes, 'a');
  EXPECT_EQ(warden::url_scheme(longest + ":x"), longest);
  EXPECT_FALSE(warden::url_scheme(longest + "a:x"));
  EXPECT_FALSE(warden::is_url_scheme(longest + "a"));
}

TEST(UrlScheme, WholeTextAsScheme) {
  EXPECT_TRUE(warden::is_url_scheme("MyApp"));
  EXPECT_FALSE(warden::is_url_scheme(""));
  EXPECT_FALSE(warden::is_url_scheme("myapp:"));
  EXPECT_FALSE(warden::is_url_scheme("myapp://"));
  EXPECT_FALSE(warden::is_url_scheme("9app"));
  EXPECT_EQ(warden::lower_case_url_scheme("MyApp"), "myapp");
  EXPECT_FALSE(warden::lower_case_url_scheme("my app"));
  EXPECT_FALSE(warden::lower_case_url_scheme("myapp://"));
}

TEST(UrlScheme, LowerCaseAsAConfigMustWriteIt) {
  EXPECT_TRUE(warden::is_lower_case_url_scheme("myapp"));
  EXPECT_TRUE(warden::is_lower_case_url_scheme("my-app.v2+x"));
  EXPECT_FALSE(warden::is_lower_case_url_scheme("MyApp"));
  EXPECT_FALSE(warden::is_lower_case_url_scheme("myapP"));
  EXPECT_FALSE(warden::is_lower_case_url_scheme(""));
  EXPECT_FALSE(warden::is_lower_case_url_scheme("2app"));
  EXPECT_FALSE(warden::is_lower_case_url_scheme(std::string(warden::max_url_scheme_bytes + 1, 'a')));
}

TEST(UrlScheme, SchemeCharacters) {
  EXPECT_TRUE(warden::is_url_scheme_character('a', true));
  EXPECT_TRUE(warden::is_url_scheme_character('Z', true));
  for (char c : {'0', '+', '-', '.'}) {
    EXPECT_FALSE(warden::is_url_scheme_character(c, true)) << c;
    EXPECT_TRUE(warden::is_url_scheme_character(c, false)) << c;
  }
  for (char c : {':', '/', '_', ' ', '%', '\0', '\x7f', static_cast<char>(0xe9)})
    EXPECT_FALSE(warden::is_url_scheme_character(c, false)) << static_cast<int>(c);
}
