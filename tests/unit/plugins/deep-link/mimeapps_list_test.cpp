// unregister takes only the app's own default out of mimeapps.list.
#include <gtest/gtest.h>

#include "mimeapps_list.hpp"

namespace dl = warden::deep_link_plugin;

TEST(MimeappsList, RemovesOurDefaultOnly) {
  const char* text =
      "# the user's\n"
      "[Added Associations]\n"
      "x-scheme-handler/myapp=my.app-handler.desktop;\n"
      "\n"
      "[Default Applications]\n"
      "text/plain=editor.desktop\n"
      "x-scheme-handler/myapp=my.app-handler.desktop\n"
      "x-scheme-handler/other=my.app-handler.desktop\n";
  auto out = dl::without_default(text, "x-scheme-handler/myapp", "my.app-handler.desktop");
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "# the user's\n"
            "[Added Associations]\n"
            "x-scheme-handler/myapp=my.app-handler.desktop;\n"
            "\n"
            "[Default Applications]\n"
            "text/plain=editor.desktop\n"
            "x-scheme-handler/other=my.app-handler.desktop\n");
}

TEST(MimeappsList, KeepsOtherApplicationsOfTheKey) {
  auto out = dl::without_default("[Default Applications]\nx-scheme-handler/myapp=a.desktop;my.app-handler.desktop;b.desktop;\n",
                                 "x-scheme-handler/myapp", "my.app-handler.desktop");
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, "[Default Applications]\nx-scheme-handler/myapp=a.desktop;b.desktop;\n");
}

TEST(MimeappsList, NothingToChange) {
  EXPECT_FALSE(dl::without_default("[Default Applications]\nx-scheme-handler/myapp=someone-else.desktop\n",
                                   "x-scheme-handler/myapp", "my.app-handler.desktop"));
  EXPECT_FALSE(dl::without_default("", "x-scheme-handler/myapp", "my.app-handler.desktop"));
  // Another app's id that merely contains ours is not ours.
  EXPECT_FALSE(dl::without_default("[Default Applications]\nx-scheme-handler/myapp=xmy.app-handler.desktop\n",
                                   "x-scheme-handler/myapp", "my.app-handler.desktop"));
}
