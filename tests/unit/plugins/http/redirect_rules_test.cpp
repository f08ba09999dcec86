#include "redirect_rules.hpp"

#include <gtest/gtest.h>

namespace hp = warden::http_plugin;

TEST(HttpRedirectRules, Statuses) {
  for (long s : {301, 302, 303, 307, 308}) EXPECT_TRUE(hp::is_redirect_status(s)) << s;
  for (long s : {200, 300, 304, 305, 306, 309, 400}) EXPECT_FALSE(hp::is_redirect_status(s)) << s;
}

TEST(HttpRedirectRules, MethodChangesAsTheFetchStandard) {
  auto r = hp::redirected_request("POST", 303);
  EXPECT_EQ(r.method, "GET");
  EXPECT_FALSE(r.keeps_body);
  r = hp::redirected_request("PUT", 303);
  EXPECT_EQ(r.method, "GET");
  r = hp::redirected_request("HEAD", 303);
  EXPECT_EQ(r.method, "HEAD");
  for (long s : {301L, 302L}) {
    r = hp::redirected_request("POST", s);
    EXPECT_EQ(r.method, "GET");
    EXPECT_FALSE(r.keeps_body);
    r = hp::redirected_request("PUT", s);
    EXPECT_EQ(r.method, "PUT");
    EXPECT_TRUE(r.keeps_body);
  }
  for (long s : {307L, 308L}) {
    r = hp::redirected_request("POST", s);
    EXPECT_EQ(r.method, "POST");
    EXPECT_TRUE(r.keeps_body);
  }
}

TEST(HttpRedirectRules, CrossOriginDropsCredentials) {
  warden::HeaderList h{{"authorization", "Bearer x"}, {"cookie", "a=b"}, {"x-keep", "1"}, {"content-type", "text/plain"}};
  auto same = h;
  hp::headers_for_redirect(same, false, false);
  EXPECT_EQ(same.size(), 4u);
  auto cross = h;
  hp::headers_for_redirect(cross, false, true);
  EXPECT_EQ(cross, (warden::HeaderList{{"x-keep", "1"}, {"content-type", "text/plain"}}));
  auto nobody = h;
  hp::headers_for_redirect(nobody, true, false);
  EXPECT_FALSE(warden::find_header(nobody, "content-type"));
  EXPECT_TRUE(warden::find_header(nobody, "authorization"));
}
