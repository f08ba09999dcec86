// Which arguments are links: URLs of a configured scheme only, bounded in size and number; the
// rest reported without their text.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "link_arguments.hpp"

namespace dl = warden::deep_link_plugin;

namespace {

dl::DeepLinkConfig config() { return dl::DeepLinkConfig{{"wardentest", "other-app"}}; }

}  // namespace

// How a scheme is read (warden::url_scheme) is tested in tests/unit/sdk/url_scheme_test.cpp.

TEST(LinkArguments, OnlyConfiguredSchemes) {
  auto links = dl::links_among({"--verbose", "wardentest://x/1", "https://example.com/", "OTHER-APP:y", "file.txt"},
                               config());
  EXPECT_EQ(links.links, (std::vector<std::string>{"wardentest://x/1", "other-app:y"}));
  ASSERT_EQ(links.ignored.size(), 3u);
  EXPECT_EQ(links.ignored[0], "argument 0: not a URL");
  EXPECT_EQ(links.ignored[1], "argument 2: scheme 'https' is not configured");
  // The log line never carries the argument itself (it may hold a token).
  for (const auto& why : links.ignored) EXPECT_EQ(why.find("example.com"), std::string::npos);
}

TEST(LinkArguments, BoundedSizeAndCount) {
  std::string big = "wardentest://" + std::string(dl::max_link_bytes, 'a');
  auto links = dl::links_among({big, "wardentest://a b", std::string("wardentest://a\nb"), "wardentest://ok"}, config());
  EXPECT_EQ(links.links, (std::vector<std::string>{"wardentest://ok"}));
  EXPECT_EQ(links.ignored.size(), 3u);
  std::vector<std::string> many(dl::max_links + 3, "wardentest://n");
  auto capped = dl::links_among(many, config());
  EXPECT_EQ(capped.links.size(), dl::max_links);
  EXPECT_EQ(capped.ignored.size(), 3u);
}

TEST(LinkArguments, FromJson) {
  auto links = dl::links_among_json(R"(["wardentest://y", 3, null, "x"])", config());
  EXPECT_EQ(links.links, (std::vector<std::string>{"wardentest://y"}));
  EXPECT_EQ(links.ignored.size(), 3u);
  EXPECT_THROW(dl::links_among_json("{}", config()), std::invalid_argument);
  EXPECT_THROW(dl::links_among_json("not json", config()), std::invalid_argument);
}
