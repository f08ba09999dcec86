// plugins.deep-link read as Tauri writes it, and every malformed or dangerous value refused with
// the key named.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "deep_link_config.hpp"

namespace dl = warden::deep_link_plugin;

namespace {

dl::DeepLinkConfig read(const char* text) { return dl::deep_link_config_from(boost::json::parse(text)); }

std::string refusal(const char* text) {
  try {
    read(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(DeepLinkConfig, TauriShapes) {
  EXPECT_TRUE(read("{}").schemes.empty());
  EXPECT_TRUE(dl::deep_link_config_from(nullptr).schemes.empty());
  auto one = read(R"({"desktop": {"schemes": ["myapp", "my-app.two+x"]}, "mobile": [{"host": "example.com"}]})");
  EXPECT_EQ(one.schemes, (std::vector<std::string>{"myapp", "my-app.two+x"}));
  EXPECT_TRUE(one.handles("myapp"));
  EXPECT_FALSE(one.handles("MyApp"));
  auto list = read(R"({"desktop": [{"schemes": ["a1"], "name": "A", "role": "Viewer"}, {"schemes": ["b", "a1"]}]})");
  EXPECT_EQ(list.schemes, (std::vector<std::string>{"a1", "b"}));
}

TEST(DeepLinkConfig, MalformedRefusedNamingTheKey) {
  EXPECT_NE(refusal("[]").find("plugins.deep-link must be an object"), std::string::npos);
  EXPECT_NE(refusal(R"({"desktp": {}})").find("plugins.deep-link.desktp: unknown key"), std::string::npos);
  EXPECT_NE(refusal(R"({"desktop": {}})").find("plugins.deep-link.desktop.schemes is required"), std::string::npos);
  EXPECT_NE(refusal(R"({"desktop": {"schemes": "myapp"}})").find("desktop.schemes must be an array"), std::string::npos);
  EXPECT_NE(refusal(R"({"desktop": {"schemes": [1]}})").find("desktop.schemes[0] must be a string"), std::string::npos);
  EXPECT_NE(refusal(R"({"desktop": {"schemes": ["ok"], "icon": "x"}})").find("desktop.icon: unknown key"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"desktop": [{"schemes": ["ok"]}, 3]})").find("desktop[1] must be an object"), std::string::npos);
  EXPECT_NE(refusal(R"({"mobile": {}})").find("plugins.deep-link.mobile must be an array"), std::string::npos);
}

TEST(DeepLinkConfig, SchemeSyntaxRefused) {
  for (const char* bad : {R"({"desktop": {"schemes": ["MyApp"]}})", R"({"desktop": {"schemes": ["1app"]}})",
                          R"({"desktop": {"schemes": ["my app"]}})", R"({"desktop": {"schemes": ["myapp://"]}})",
                          R"({"desktop": {"schemes": [""]}})", R"({"desktop": {"schemes": ["a/b"]}})"})
    EXPECT_NE(refusal(bad).find("is not a URL scheme"), std::string::npos) << bad;
  std::string long_scheme = R"({"desktop": {"schemes": [")" + std::string(65, 'a') + R"("]}})";
  EXPECT_NE(refusal(long_scheme.c_str()).find("is not a URL scheme"), std::string::npos);
}

TEST(DeepLinkConfig, WellKnownSchemesRefusedEvenWhenConfigured) {
  for (const char* scheme : {"https", "http", "file", "mailto", "tel", "javascript", "data", "app", "ipc", "asset"}) {
    std::string text = std::string(R"({"desktop": {"schemes": [")") + scheme + R"("]}})";
    EXPECT_NE(refusal(text.c_str()).find("cannot be a deep-link scheme"), std::string::npos) << scheme;
    EXPECT_TRUE(dl::reserved_scheme(scheme)) << scheme;
  }
  EXPECT_FALSE(dl::reserved_scheme("myapp"));
}

TEST(DeepLinkConfig, AtMostMaxSchemes) {
  std::string text = R"({"desktop": {"schemes": [)";
  for (std::size_t i = 0; i <= dl::max_schemes; ++i) text += (i ? ",\"s" : "\"s") + std::to_string(i) + "\"";
  text += "]}}";
  EXPECT_NE(refusal(text.c_str()).find("more than 32 schemes"), std::string::npos);
}

TEST(DeepLinkConfig, RegisterAtStart) {
  EXPECT_FALSE(read(R"({"desktop": {"schemes": ["a"]}})").register_at_start);
  EXPECT_TRUE(read(R"({"desktop": {"schemes": ["a"]}, "registerAtStart": true})").register_at_start);
  EXPECT_NE(refusal(R"({"registerAtStart": "yes"})").find("plugins.deep-link.registerAtStart must be true or false"),
            std::string::npos);
}
