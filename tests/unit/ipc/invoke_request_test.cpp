#include "ipc/invoke_request.hpp"

#include <gtest/gtest.h>

#include "ipc/bridge_script.hpp"
#include "ipc/invoke_response.hpp"
#include "ipc/percent_decoding.hpp"

using namespace warden::ipc;

namespace {
std::string bytes(std::string_view s) { return std::string(s); }
std::string error_of(const std::variant<InvokeRequest, DecodeError>& r) {
  auto* e = std::get_if<DecodeError>(&r);
  return e ? e->message : "";
}
}  // namespace

TEST(PercentDecode, DecodesAndRejectsMalformed) {
  EXPECT_EQ(percent_decode("plugin%3Afs%7Cread"), "plugin:fs|read");
  EXPECT_EQ(percent_decode("%2e%2E"), "..");
  EXPECT_EQ(percent_decode("%"), std::nullopt);
  EXPECT_EQ(percent_decode("%4"), std::nullopt);
  EXPECT_EQ(percent_decode("%zz"), std::nullopt);
  EXPECT_EQ(percent_decode("a%00b"), std::nullopt);
}

TEST(CommandName, SplitsPluginCommandsAndRejectsOddNames) {
  auto p = std::get<CommandName>(parse_command_name("plugin:fs|read_file"));
  EXPECT_EQ(p.plugin, "fs");
  EXPECT_EQ(p.command, "read_file");
  EXPECT_EQ(std::get<CommandName>(parse_command_name("greet")).plugin, "");
  for (auto bad : {"", "plugin:", "plugin:fs", "plugin:|x", "plugin:FS|x", "plugin:-a|x", "a b", "a/b",
                   "plugin:fs|a|b", "../x"})
    EXPECT_TRUE(std::holds_alternative<DecodeError>(parse_command_name(bad))) << bad;
}

TEST(DecodeInvokeRequest, JsonArguments) {
  auto r = decode_invoke_request("/plugin%3Afs%7Cread", "application/json", bytes(R"({"path":"/x"})"));
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(r)) << error_of(r);
  auto& req = std::get<InvokeRequest>(r);
  EXPECT_EQ(req.command, "plugin:fs|read");
  EXPECT_EQ(req.args_json, R"({"path":"/x"})");
  EXPECT_FALSE(req.binary);
}

TEST(DecodeInvokeRequest, EmptyBodyIsEmptyObject) {
  auto r = decode_invoke_request("/greet", "application/json; charset=utf-8", {});
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(r));
  EXPECT_EQ(std::get<InvokeRequest>(r).args_json, "{}");
}

TEST(DecodeInvokeRequest, RawBytesKeepTheirBytes) {
  std::string body("\x00\x01\x02\xff", 4);
  auto r = decode_invoke_request("/echo", "Application/Octet-Stream", body);
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(r));
  auto& req = std::get<InvokeRequest>(r);
  EXPECT_TRUE(req.binary);
  EXPECT_EQ(req.body, body);
  EXPECT_EQ(req.args_json, "{}");
}

TEST(DecodeInvokeRequest, RawBytesTakeTheCallersHeadersAsArguments) {
  auto r = decode_invoke_request("/plugin%3Afs%7Cwrite_file", "application/octet-stream", std::string("\x01\x02", 2),
                                 {{"path", "%2Ftmp%2Fa.txt"}, {"options", R"({"append":true})"}});
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(r)) << error_of(r);
  auto& req = std::get<InvokeRequest>(r);
  EXPECT_EQ(req.args_json, R"({"path":"%2Ftmp%2Fa.txt","options":"{\"append\":true}"})");
  EXPECT_EQ(req.body, std::string("\x01\x02", 2));
}

TEST(CallerHeaderNames, TokensOnlyOnceAndAtMost32) {
  EXPECT_EQ(parse_caller_header_names("path,Options"), (std::vector<std::string>{"path", "options"}));
  EXPECT_EQ(parse_caller_header_names(" path , x-a "), (std::vector<std::string>{"path", "x-a"}));
  EXPECT_FALSE(parse_caller_header_names(""));
  EXPECT_FALSE(parse_caller_header_names("path,"));
  EXPECT_FALSE(parse_caller_header_names("path,PATH"));
  EXPECT_FALSE(parse_caller_header_names("a b"));
  EXPECT_FALSE(parse_caller_header_names("a:b"));
  std::string many;
  for (int i = 0; i < 33; ++i) many += (i ? ",h" : "h") + std::to_string(i);
  EXPECT_FALSE(parse_caller_header_names(many));
}

TEST(DecodeInvokeRequest, RefusesBadInput) {
  EXPECT_EQ(error_of(decode_invoke_request("/greet", "application/json", bytes("[1]"))),
            "arguments must be a JSON object");
  EXPECT_EQ(error_of(decode_invoke_request("/greet", "application/json", bytes("{"))), "arguments are not valid JSON");
  EXPECT_EQ(error_of(decode_invoke_request("/greet", "text/plain", bytes("{}"))), "unsupported content type");
  EXPECT_EQ(error_of(decode_invoke_request("/a/b", "application/json", {})), "invalid request path");
  EXPECT_EQ(error_of(decode_invoke_request("greet", "application/json", {})), "invalid request path");
  EXPECT_EQ(error_of(decode_invoke_request("/gr%zzeet", "application/json", {})), "invalid command name");
  EXPECT_EQ(error_of(decode_invoke_request("/a%2Fb", "application/json", {})), "invalid command name");
}

TEST(InvokeResponse, ErrorsAreJsonStrings) {
  auto e = InvokeResponse::error(403, "not \"allowed\"");
  EXPECT_EQ(e.status, 403);
  EXPECT_EQ(e.content_type, "application/json");
  EXPECT_EQ(std::string(e.body.begin(), e.body.end()), R"("not \"allowed\"")");
  EXPECT_EQ(InvokeResponse::bytes("\x01\x02").content_type, "application/octet-stream");
}

TEST(BridgeScript, CallsTheBridgeWithEscapedLabels) {
  auto s = bridge_script("main", "we\"b</script>");
  EXPECT_NE(s.find("__TAURI_INTERNALS__"), std::string::npos);
  EXPECT_NE(s.find(R"({"currentWindow":{"label":"main"},"currentWebview":{"windowLabel":"main","label":"we\"b</script>"}})"),
            std::string::npos);
  EXPECT_EQ(s.substr(s.size() - 3), ");\n");
}

TEST(CallerHeaders, NamesAreTokensAndValuesPrintableAscii) {
  EXPECT_EQ(caller_header_problem("path", "%2Fhome%2Fa.txt"), std::nullopt);
  EXPECT_EQ(caller_header_problem("x-tab", "a\tb"), std::nullopt);
  EXPECT_NE(caller_header_problem("bad name", "v"), std::nullopt);
  EXPECT_NE(caller_header_problem("", "v"), std::nullopt);
  EXPECT_NE(caller_header_problem(std::string(65, 'a'), "v"), std::nullopt);
  auto problem = caller_header_problem("path", "caf\xc3\xa9");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("'path' is not printable ASCII"), std::string::npos);
  EXPECT_NE(caller_header_problem("path", "a\r\nb"), std::nullopt);
  EXPECT_NE(caller_header_problem("path", std::string("a\0b", 3)), std::nullopt);
  EXPECT_NE(caller_header_problem("path", "\x7f"), std::nullopt);
}

// The native path hands over the command as the page wrote it (no URL, no percent-encoding).
TEST(DecodeInvokeCall, TakesTheCommandAsWritten) {
  auto r = decode_invoke_call("plugin:fs|read", "application/json", bytes(R"({"path":"/x"})"));
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(r));
  EXPECT_EQ(std::get<InvokeRequest>(r).command, "plugin:fs|read");
  EXPECT_EQ(error_of(decode_invoke_call("plugin:fs%7Cread", "application/json", {})), "invalid command name");
  EXPECT_EQ(error_of(decode_invoke_call("a/b", "application/json", {})), "invalid command name");
  EXPECT_EQ(error_of(decode_invoke_call("", "application/json", {})), "invalid command name");
  auto raw = decode_invoke_call("echo", "application/octet-stream", std::string("\x01", 1), {{"path", "a.txt"}});
  ASSERT_TRUE(std::holds_alternative<InvokeRequest>(raw));
  EXPECT_EQ(std::get<InvokeRequest>(raw).args_json, R"({"path":"a.txt"})");
}

TEST(CallerHeaders, ListFromTheBridgeIsChecked) {
  EXPECT_EQ(caller_headers_problem({}), std::nullopt);
  EXPECT_EQ(caller_headers_problem({{"path", "a"}, {"options", "{}"}}), std::nullopt);
  EXPECT_NE(caller_headers_problem({{"Path", "a"}}), std::nullopt);
  EXPECT_NE(caller_headers_problem({{"path", "a"}, {"path", "b"}}), std::nullopt);
  EXPECT_NE(caller_headers_problem({{"path", "a\nb"}}), std::nullopt);
  CallerHeaders many;
  for (size_t i = 0; i <= kMaxCallerHeaders; ++i) many.emplace_back("h" + std::to_string(i), "v");
  EXPECT_NE(caller_headers_problem(many), std::nullopt);
}
