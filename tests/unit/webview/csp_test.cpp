#include "webview/csp.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "webview/app_scheme.hpp"
#include "webview/frontend_config.hpp"

namespace warden::webview {
namespace {

TEST(Csp, ParsesAndSerializes) {
  auto p = parse_csp("  Default-Src 'self' ;; img-src *  data: ; default-src 'none'");
  ASSERT_EQ(p.size(), 2u);  // the repeated default-src is ignored, as browsers do
  EXPECT_EQ(serialize_csp(p), "default-src 'self'; img-src * data:");
}

TEST(Csp, HashMatchesKnownValue) {
  // The example of the CSP specification: sha256 of "alert('Hello, world.');".
  EXPECT_EQ(csp_hash("alert('Hello, world.');"), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
}

TEST(Csp, InlineScriptsAndStylesButNotExternalOnes) {
  std::string html =
      "<html><head><STYLE media=\"x>y\">a{}</STYLE><script>one()</script>"
      "<script src=\"x.js\"></script><script type=module data-src=1>two()</script>"
      "<!-- <script>hidden()</script> --><scripts>no</scripts><script>one()</script></head></html>";
  auto h = inline_hashes(html);
  EXPECT_EQ(h.scripts, (std::vector<std::string>{csp_hash("one()"), csp_hash("two()")}));
  EXPECT_EQ(h.styles, (std::vector<std::string>{csp_hash("a{}")}));
}

TEST(Csp, AddsHashesOnlyWhereNeeded) {
  InlineHashes h{{"'sha256-S'"}, {"'sha256-T'"}};
  // default-src only: script-src and style-src are created from it.
  EXPECT_EQ(asset_csp(parse_csp("default-src 'self'"), h, {}),
            "default-src 'self'; script-src 'self' 'sha256-S'; style-src 'self' 'sha256-T'");
  // No restriction on scripts or connections: nothing to add.
  EXPECT_EQ(asset_csp(parse_csp("img-src 'self'"), h, {}), "img-src 'self'");
  // 'unsafe-inline' stays effective (a hash would turn it off); connect-src is the app's own.
  EXPECT_EQ(asset_csp(parse_csp("script-src 'unsafe-inline'; connect-src ipc: 'self'"), h, {}),
            "script-src 'unsafe-inline'; connect-src ipc: 'self'");
  // The bridge makes no requests (docs/ipc.md): connect-src 'none' stays as written.
  EXPECT_EQ(asset_csp(parse_csp("connect-src 'none'"), h, {}), "connect-src 'none'");
  // -elem variants get the hashes too, when present.
  EXPECT_EQ(asset_csp(parse_csp("script-src-elem 'self'"), h, {}), "script-src-elem 'self' 'sha256-S'");
}

TEST(Csp, DangerousDisableAssetCspModification) {
  InlineHashes h{{"'sha256-S'"}, {"'sha256-T'"}};
  auto p = parse_csp("default-src 'self'");
  EXPECT_EQ(asset_csp(p, h, {true, {}}), "default-src 'self'");
  EXPECT_EQ(asset_csp(p, h, {false, {"script-src", "CONNECT-SRC"}}), "default-src 'self'; style-src 'self' 'sha256-T'");
}

TEST(Csp, AppSchemeSendsThePolicyWithEveryAsset) {
  AppScheme none(FrontendAssets(std::filesystem::temp_directory_path()), std::nullopt);
  std::vector<uint8_t> html_bytes;
  std::string html = "<script>go()</script>";
  html_bytes.assign(html.begin(), html.end());
  EXPECT_FALSE(none.csp_for("text/html", html_bytes));
  AppScheme strict(FrontendAssets(std::filesystem::temp_directory_path()), std::string("default-src 'self'"));
  EXPECT_EQ(*strict.csp_for("text/html; charset=utf-8", html_bytes),
            "default-src 'self'; script-src 'self' " + csp_hash("go()"));
  EXPECT_EQ(*strict.csp_for("text/javascript", html_bytes), "default-src 'self'");
}

TEST(FrontendConfigSecurity, ReadsCspDevCspFreezeAndDisable) {
  auto c = parse_frontend_config(R"({"identifier": "x", "app": {"security": {
      "csp": {"default-src": "'self'", "script-src": ["'self'", "'wasm-unsafe-eval'"]},
      "devCsp": "default-src *", "freezePrototype": true,
      "dangerousDisableAssetCspModification": ["style-src"]}}})", "t.json", "/app");
  EXPECT_EQ(c.csp, "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'");
  EXPECT_EQ(c.dev_csp, "default-src *");
  EXPECT_TRUE(c.freeze_prototype);
  EXPECT_FALSE(c.csp_modification_disabled);
  EXPECT_EQ(c.csp_modification_disabled_directives, std::vector<std::string>{"style-src"});
  auto d = parse_frontend_config(R"({"identifier": "x", "app": {"security": {"dangerousDisableAssetCspModification": true}}})",
                                 "t.json", "/app");
  EXPECT_TRUE(d.csp_modification_disabled);
  EXPECT_FALSE(d.freeze_prototype);
  EXPECT_THROW(parse_frontend_config(R"({"identifier": "x", "app": {"security": {"freezePrototype": "yes"}}})", "t.json", "/app"),
               std::runtime_error);
  EXPECT_THROW(parse_frontend_config(R"({"identifier": "x", "app": {"security": {"dangerousDisableAssetCspModification": 1}}})",
                                     "t.json", "/app"),
               std::runtime_error);
}

// issue 13, finding 6: who may frame the app's pages.
TEST(Csp, FrameAncestorsAddedWhenThePolicyHasNone) {
  CspModification m;
  m.frame_ancestors = {"'self'"};
  EXPECT_EQ(asset_csp({}, {}, m), "frame-ancestors 'self'");
  EXPECT_EQ(asset_csp(parse_csp("img-src 'self'"), {}, m), "img-src 'self'; frame-ancestors 'self'");
  // default-src does not govern frame-ancestors, so it is added beside it.
  EXPECT_EQ(asset_csp(parse_csp("default-src 'none'"), {}, m), "default-src 'none'; frame-ancestors 'self'");
  // The app's own directive wins; turning the other additions off does not remove it.
  EXPECT_EQ(asset_csp(parse_csp("frame-ancestors https://a.example"), {}, m), "frame-ancestors https://a.example");
  m.disabled = true;
  EXPECT_EQ(asset_csp(parse_csp("img-src 'self'"), {}, m), "img-src 'self'; frame-ancestors 'self'");
}

TEST(Csp, FrameAncestorsConfig) {
  EXPECT_EQ(parse_frontend_config(R"({"identifier": "x"})", "t.json", "/app").frame_ancestors,
            std::vector<std::string>{"'self'"});
  auto c = parse_frontend_config(R"({"identifier": "x", "app": {"security": {"frameAncestors": ["'self'", "https://p.example"]}}})",
                                 "t.json", "/app");
  EXPECT_EQ(c.frame_ancestors, (std::vector<std::string>{"'self'", "https://p.example"}));
  for (const char* bad : {R"([])", R"("'self'")", R"(["'self'; script-src *"])", R"(["a b"])", R"([1])"}) {
    std::string text = std::string(R"({"identifier": "x", "app": {"security": {"frameAncestors": )") + bad + "}}}";
    try {
      parse_frontend_config(text, "t.json", "/app");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("app.security.frameAncestors"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace warden::webview
