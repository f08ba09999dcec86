// warden/mailto.hpp, the mailto: rule shell's open and opener's open_url both apply: every
// spelling of a field that attaches a file is found, however cased, encoded or separated; plain
// mailto: URLs and other schemes are left alone.
#include <string>

#include <gtest/gtest.h>
#include <warden/mailto.hpp>

using warden::mailto_attachment_field;

TEST(MailtoAttachment, EverySpellingIsFound) {
  for (const char* url : {"mailto:v@example.com?attach=/etc/passwd",
                          "mailto:v@example.com?subject=hi&ATTACH=/etc/passwd",
                          "MAILTO:v@example.com?attachment=file:///etc/shadow",
                          "mailto:v@example.com?%61ttach=/etc/passwd",
                          "mailto:v@example.com?%2561ttach=%252Fetc%252Fpasswd",
                          "mailto:v@example.com?%252561%252574tach=x",
                          "mailto:v@example.com?X-Attach=/etc/passwd",
                          "mailto:v@example.com?subject=a;attach=/etc/passwd",
                          "mailto:v@example.com%3Fattach%3D/etc/passwd",
                          "mailto:v@example.com?at%09tach=/etc/passwd",
                          " \tmailto:v@example.com?attach=/etc/passwd"})
    EXPECT_TRUE(mailto_attachment_field(url)) << url;
}

TEST(MailtoAttachment, PlainMessagesAndOtherSchemesPass) {
  for (const char* url : {"mailto:v@example.com", "mailto:v@example.com?subject=attach&body=see attached",
                          "mailto:attach@example.com", "https://example.com/?attach=/etc/passwd",
                          "tel:+123", "mailto:v@example.com?subject=%ZZ"})
    EXPECT_FALSE(mailto_attachment_field(url)) << url;
}

TEST(MailtoAttachment, TheFieldIsNamedAsWritten) {
  EXPECT_EQ(mailto_attachment_field("mailto:a@example.com?Attach=x").value_or(""), "Attach");
  EXPECT_EQ(mailto_attachment_field("mailto:a@example.com?subject=s&X-Attach=x").value_or(""), "X-Attach");
}

TEST(MailtoAttachment, EndlessEncodingIsRefusedToo) {
  std::string name = "%61ttach";
  for (int i = 0; i < 40; ++i) {  // encode the '%' again: 41 decodings to reach "attach"
    std::string next;
    for (char c : name) next += c == '%' ? std::string("%25") : std::string(1, c);
    name = next;
  }
  auto field = mailto_attachment_field("mailto:v@example.com?" + name + "=/etc/passwd");
  ASSERT_TRUE(field.has_value());
  EXPECT_NE(field->find("32 times"), std::string::npos) << *field;
}
