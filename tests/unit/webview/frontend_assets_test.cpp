#include "webview/frontend_assets.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "webview/frontend_config.hpp"
#include "webview/mime_type.hpp"
#include "webview/window_set.hpp"
#include "temp_dir.hpp"

using namespace warden::webview;
namespace fs = std::filesystem;

namespace {
class FrontendAssetsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(base_ / "dist/sub");
    write(base_ / "dist/index.html", "<h1>hi</h1>");
    write(base_ / "dist/sub/index.html", "sub");
    write(base_ / "dist/a b.js", "js");
    write(base_ / "secret.txt", "secret");
    fs::create_symlink(base_ / "secret.txt", base_ / "dist/link-out.txt");
    fs::create_symlink(base_ / "dist/index.html", base_ / "dist/link-in.html");
    fs::create_directory_symlink(base_, base_ / "dist/up");
  }
  static void write(const fs::path& p, const std::string& text) { warden::test::write_file(p, text); }
  warden::test::TempDir tmp_{"warden-assets"};
  const fs::path& base_ = tmp_.path;
};
}  // namespace

TEST_F(FrontendAssetsTest, ServesFilesAndIndexes) {
  FrontendAssets assets(base_ / "dist");
  EXPECT_EQ(assets.resolve("/"), fs::canonical(base_ / "dist/index.html"));
  EXPECT_EQ(assets.resolve("/index.html"), fs::canonical(base_ / "dist/index.html"));
  EXPECT_EQ(assets.resolve("/sub/"), fs::canonical(base_ / "dist/sub/index.html"));
  EXPECT_EQ(assets.resolve("/a%20b.js"), fs::canonical(base_ / "dist/a b.js"));
  EXPECT_EQ(assets.resolve("/link-in.html"), fs::canonical(base_ / "dist/index.html"));
}

TEST_F(FrontendAssetsTest, NeverEscapesTheFolder) {
  FrontendAssets assets(base_ / "dist");
  for (auto path : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/sub/../../secret.txt",
                    "/sub/%2e%2e/%2e%2e/secret.txt", "/.%2e/secret.txt", "/link-out.txt", "/up/secret.txt",
                    "/..%2fsecret.txt", "/..%5csecret.txt", "/index.html%00.js", "/./index.html", "/missing.js",
                    "/sub", ""})
    EXPECT_EQ(assets.resolve(path), std::nullopt) << path;
}

TEST(MimeType, KnownAndUnknownExtensions) {
  EXPECT_EQ(mime_type_for("a/index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(mime_type_for("x.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(mime_type_for("x.wasm"), "application/wasm");
  EXPECT_EQ(mime_type_for("x.svg"), "image/svg+xml");
  EXPECT_EQ(mime_type_for("x"), "application/octet-stream");
  EXPECT_EQ(mime_type_for("x.exe"), "application/octet-stream");
}

TEST(FrontendConfig, ReadsWindowsDistAndCsp) {
  auto c = parse_frontend_config(R"({
    // comments are accepted
    "identifier": "dev.x", "productName": "X", "version": "1.0.0",
    "build": {"frontendDist": "web"},
    "app": {"windows": [{"label": "main", "url": "index.html", "width": 300, "height": 200},
                        {"label": "b", "url": "https://example.com/"}],
            "security": {"csp": {"default-src": "'self'", "img-src": ["'self'", "data:"]}}},
  })", "conf", "/apps/x");
  EXPECT_EQ(c.frontend_dist, fs::path("/apps/x/web"));
  ASSERT_EQ(c.windows.size(), 2u);
  EXPECT_EQ(c.windows[0].width, 300);
  EXPECT_EQ(c.windows[1].title, "X");
  EXPECT_EQ(window_start_url(c.windows[0]), "app://localhost/index.html");
  EXPECT_EQ(window_start_url(c.windows[1]), "https://example.com/");
  EXPECT_EQ(c.csp, "default-src 'self'; img-src 'self' data:");
}

TEST(FrontendConfig, RejectsDuplicateLabelsAndMissingIdentifier) {
  EXPECT_THROW(parse_frontend_config(R"({"app": {}})", "conf", "/x"), std::runtime_error);
  EXPECT_THROW(parse_frontend_config(R"({"identifier": "a", "app": {"windows": [{"label": "m"}, {"label": "m"}]}})",
                                     "conf", "/x"),
               std::runtime_error);
}

// origin_of_url and url_has_origin: tests/unit/acl/origin_test.cpp.
