// The mailto: rule: every spelling of a field that attaches a file is found, however cased,
// encoded or separated; plain mailto: URLs and other schemes are left alone.
#include <gtest/gtest.h>

#include "mailto_attachment.hpp"

using warden::opener_plugin::mailto_attachment_field;

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
