// app.security.pattern in warden.conf.json, and the CSP the app's pages get under the isolation
// pattern (frame-src must let the isolation frame load).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "webview/csp.hpp"
#include "webview/frontend_config.hpp"
#include "temp_dir.hpp"

namespace warden::webview {
namespace {
namespace fs = std::filesystem;

class IsolationConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(app_ / "isolation");
    std::ofstream(app_ / "isolation" / "index.html") << "<script src=\"hook.js\"></script>";
    fs::create_directories(app_ / "empty");
  }

  FrontendConfig parse(const std::string& security) {
    return parse_frontend_config(R"({"identifier": "x", "app": {"security": )" + security + "}}", "warden.conf.json", app_);
  }
  std::string error_of(const std::string& security) {
    try {
      parse(security);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "accepted";
  }

  warden::test::TempDir tmp_{"warden-isolation-config"};
  const fs::path& app_ = tmp_.path;
};

TEST_F(IsolationConfig, IsolationNamesItsFolderAgainstTheAppFolder) {
  auto c = parse(R"({"pattern": {"use": "isolation", "options": {"dir": "isolation"}}})");
  ASSERT_TRUE(c.isolation_dir);
  EXPECT_EQ(*c.isolation_dir, app_ / "isolation");
  auto absolute = parse(R"({"pattern": {"use": "isolation", "options": {"dir": ")" + (app_ / "isolation").string() + R"("}}})");
  EXPECT_EQ(*absolute.isolation_dir, app_ / "isolation");
}

TEST_F(IsolationConfig, BrownfieldAndNoPatternMeanNoIsolation) {
  EXPECT_FALSE(parse(R"({"pattern": {"use": "brownfield"}})").isolation_dir);
  EXPECT_FALSE(parse(R"({})").isolation_dir);
  EXPECT_FALSE(parse(R"({"pattern": null})").isolation_dir);
}

TEST_F(IsolationConfig, MistakesNameTheFieldAndWhatWasExpected) {
  auto has = [](const std::string& error, const std::string& part) { return error.find(part) != std::string::npos; };
  auto e = error_of(R"({"pattern": "isolation"})");
  EXPECT_TRUE(has(e, "warden.conf.json: app.security.pattern: must be an object")) << e;
  e = error_of(R"({"pattern": {}})");
  EXPECT_TRUE(has(e, "app.security.pattern.use: is required")) << e;
  e = error_of(R"({"pattern": {"use": "isolated"}})");
  EXPECT_TRUE(has(e, "must be \"brownfield\" or \"isolation\", not \"isolated\"")) << e;
  e = error_of(R"({"pattern": {"use": "isolation"}})");
  EXPECT_TRUE(has(e, "app.security.pattern.options.dir: is required")) << e;
  e = error_of(R"({"pattern": {"use": "isolation", "options": {"dir": 3}}})");
  EXPECT_TRUE(has(e, "app.security.pattern.options.dir: must be a string")) << e;
  e = error_of(R"({"pattern": {"use": "isolation", "options": {"dir": "missing"}}})");
  EXPECT_TRUE(has(e, "is not a directory")) << e;
  e = error_of(R"({"pattern": {"use": "isolation", "options": {"dir": "empty"}}})");
  EXPECT_TRUE(has(e, "has no index.html")) << e;
}

std::string isolation_csp(const std::string& policy) {
  CspModification m;
  m.isolation_frame = true;
  return asset_csp(parse_csp(policy), {}, m);
}

TEST(IsolationCsp, FrameSrcAllowsTheIsolationScheme) {
  EXPECT_EQ(isolation_csp("frame-src 'self'"), "frame-src 'self' isolation:");
  EXPECT_EQ(isolation_csp("frame-src 'none'"), "frame-src isolation:");
  EXPECT_EQ(isolation_csp("frame-src isolation:"), "frame-src isolation:");
  // Absent frame-src: created from child-src, else default-src, which keep their own sources.
  EXPECT_EQ(isolation_csp("child-src 'self'"), "child-src 'self'; frame-src 'self' isolation:");
  EXPECT_EQ(isolation_csp("default-src 'self'"),
            "default-src 'self'; frame-src 'self' isolation:");
  // Frames not restricted: nothing to add.
  EXPECT_EQ(isolation_csp("img-src 'self'"), "img-src 'self'");
}

TEST(IsolationCsp, OnlyUnderThePatternAndUnlessTheAppTurnsItOff) {
  EXPECT_EQ(asset_csp(parse_csp("frame-src 'self'"), {}, CspModification{}), "frame-src 'self'");
  CspModification off;
  off.isolation_frame = true;
  off.disabled_directives = {"frame-src"};
  EXPECT_EQ(asset_csp(parse_csp("frame-src 'self'"), {}, off), "frame-src 'self'");
}

}  // namespace
}  // namespace warden::webview
