#include "fetch_request.hpp"
#include "redirect_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <stdexcept>

namespace hp = warden::http_plugin;
namespace json = boost::json;

namespace {

json::object config(const char* text) { return json::parse(text).as_object(); }

hp::FetchRequest parse(const char* text, const hp::HttpSettings& settings = {}) {
  return hp::parse_fetch_request(config(text), settings, "app://localhost", "warden-http/test");
}

std::string error_of(const char* text, const hp::HttpSettings& settings = {}) {
  try {
    parse(text, settings);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST(HttpFetchRequest, APlainGet) {
  auto r = parse(R"({"method": "get", "url": "http://127.0.0.1:8000/x", "headers": [["Accept", "text/plain"]],
                     "data": null})");
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.url.text, "http://127.0.0.1:8000/x");
  EXPECT_FALSE(r.has_body);
  EXPECT_EQ(r.max_redirections, hp::kDefaultMaxRedirections);
  EXPECT_EQ(r.connect_timeout_ms, hp::HttpSettings{}.connect_timeout_ms);
  EXPECT_EQ(warden::find_header(r.headers, "origin"), "app://localhost");
  EXPECT_EQ(warden::find_header(r.headers, "user-agent"), "warden-http/test");
}

TEST(HttpFetchRequest, PageOriginReplacedUnlessUnsafeHeadersAllowed) {
  const char* text = R"({"method": "GET", "url": "http://h/", "headers": [["Origin", "https://bank.example"]]})";
  EXPECT_EQ(warden::find_header(parse(text).headers, "origin"), "app://localhost");
  hp::HttpSettings unsafe;
  unsafe.allow_unsafe_headers = true;
  EXPECT_EQ(warden::find_header(parse(text, unsafe).headers, "origin"), "https://bank.example");
  auto removed = parse(R"({"method": "GET", "url": "http://h/", "headers": [["Origin", ""]]})", unsafe);
  EXPECT_FALSE(warden::find_header(removed.headers, "origin"));
}

TEST(HttpFetchRequest, BodyCappedWithTheKeyNamed) {
  hp::HttpSettings small;
  small.max_request_body_bytes = 4;
  EXPECT_TRUE(parse(R"({"method": "POST", "url": "http://h/", "data": [1,2,3,4]})", small).has_body);
  std::string e = error_of(R"({"method": "POST", "url": "http://h/", "data": [1,2,3,4,5]})", small);
  EXPECT_NE(e.find("plugins.http.maxRequestBodyBytes"), std::string::npos) << e;
  EXPECT_NE(e.find("4 bytes"), std::string::npos) << e;
  EXPECT_NE(error_of(R"({"method": "POST", "url": "http://h/", "data": [256]})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "POST", "url": "http://h/", "data": [-1]})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "GET", "url": "http://h/", "data": [1]})"), "(accepted)");
}

TEST(HttpFetchRequest, DangerAndProxyRefusedWithoutTheirKeys) {
  std::string e = error_of(R"({"method": "GET", "url": "https://h/", "danger": {"acceptInvalidCerts": true}})");
  EXPECT_NE(e.find("plugins.http.allowDangerousSettings"), std::string::npos) << e;
  e = error_of(R"({"method": "GET", "url": "https://h/", "danger": {"acceptInvalidHostnames": true}})");
  EXPECT_NE(e.find("plugins.http.allowDangerousSettings"), std::string::npos) << e;
  // Both false asks for nothing dangerous.
  EXPECT_EQ(error_of(R"({"method": "GET", "url": "https://h/", "danger": {"acceptInvalidCerts": false,
                                                                         "acceptInvalidHostnames": false}})"),
            "(accepted)");
  e = error_of(R"({"method": "GET", "url": "https://h/", "proxy": {"all": "http://127.0.0.1:1"}})");
  EXPECT_NE(e.find("plugins.http.allowPageProxy"), std::string::npos) << e;

  hp::HttpSettings allowed;
  allowed.allow_dangerous_settings = true;
  allowed.allow_page_proxy = true;
  auto r = parse(R"({"method": "GET", "url": "https://h/", "danger": {"acceptInvalidCerts": true},
                     "proxy": {"https": {"url": "http://127.0.0.1:3128", "basicAuth": {"username": "u", "password": "p"}}}})",
                 allowed);
  EXPECT_TRUE(r.accept_invalid_certs);
  EXPECT_TRUE(r.https_proxy.set);
  EXPECT_FALSE(r.http_proxy.set);
  EXPECT_EQ(r.https_proxy.username, "u");
  EXPECT_NE(error_of(R"({"method": "GET", "url": "https://h/", "proxy": {"all": "file:///x"}})", allowed), "(accepted)");
  EXPECT_EQ(error_of(R"({"method": "GET", "url": "https://h/", "proxy": {"http": {"url": "http://p:1", "auth": "x"}}})", allowed),
            "clientConfig.proxy.http.auth is not a proxy option this Warden knows (url, basicAuth, noProxy)");
}

TEST(HttpFetchRequest, LimitsOnRedirectsAndTimeouts) {
  auto r = parse(R"({"method": "GET", "url": "http://h/", "maxRedirections": 0, "connectTimeout": 99999999})");
  EXPECT_EQ(r.max_redirections, 0);
  EXPECT_EQ(r.connect_timeout_ms, hp::HttpSettings{}.max_connect_timeout_ms);
  EXPECT_NE(error_of(R"({"method": "GET", "url": "http://h/", "maxRedirections": 1000})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "GET", "url": "http://h/", "maxRedirections": -1})"), "(accepted)");
}

TEST(HttpFetchRequest, BadMethodsAndUrls) {
  EXPECT_NE(error_of(R"({"method": "TRACE", "url": "http://h/"})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "G T", "url": "http://h/"})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "GET", "url": "file:///etc/passwd"})"), "(accepted)");
  EXPECT_NE(error_of(R"({"method": "GET", "url": "http://h/", "headers": [["X", "a\r\nHost: b"]]})"), "(accepted)");
}

TEST(HttpSettings, UnknownKeysAndBadValuesRefused) {
  EXPECT_THROW(hp::parse_http_settings(json::parse(R"({"allowDangerous": true})")), std::invalid_argument);
  EXPECT_THROW(hp::parse_http_settings(json::parse(R"({"allowPageProxy": 1})")), std::invalid_argument);
  EXPECT_THROW(hp::parse_http_settings(json::parse(R"({"maxRequestBodyBytes": 0})")), std::invalid_argument);
  auto s = hp::parse_http_settings(json::parse(R"({"maxRequestBodyBytes": 1024, "allowUnsafeHeaders": true})"));
  EXPECT_EQ(s.max_request_body_bytes, 1024u);
  EXPECT_TRUE(s.allow_unsafe_headers);
  EXPECT_FALSE(s.allow_page_proxy);
}
