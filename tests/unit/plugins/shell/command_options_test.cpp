// The page's options: cwd, env (Tauri's absent / null / object meaning), encoding. Which variables
// and folders a page may name is the scope's decision (shell_scope_test.cpp: ShellScopeEnv,
// ShellScopeCwd); here only their shape.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>

#include "command_options.hpp"

namespace json = boost::json;
using namespace warden::shell_plugin;

namespace {
CommandOptions parse(const char* text) {
  json::value v = json::parse(text);
  return parse_command_options(&v);
}
std::string error_of(const char* text) {
  try {
    parse(text);
    return "";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}
bool has(const std::vector<std::string>& env, const std::string& entry) {
  return std::find(env.begin(), env.end(), entry) != env.end();
}
}  // namespace

TEST(CommandOptions, EnvAbsentInheritsNullClearsObjectAdds) {
  std::vector<std::string> base = {"PATH=/usr/bin", "HOME=/home/u", "KEEP=1"};
  auto inherit = child_environment(parse("{}"), base);
  EXPECT_EQ(inherit, base);
  auto cleared = child_environment(parse(R"({"env": null})"), base);
  EXPECT_TRUE(cleared.empty());
  auto added = child_environment(parse(R"({"env": {"HOME": "/tmp", "NEW": "a b"}})"), base);
  EXPECT_TRUE(has(added, "HOME=/tmp"));
  EXPECT_FALSE(has(added, "HOME=/home/u"));
  EXPECT_TRUE(has(added, "NEW=a b"));
  EXPECT_TRUE(has(added, "KEEP=1"));
}

TEST(CommandOptions, EnvKeepsThePagesVariablesForTheScopeToJudge) {
  auto o = parse(R"({"env": {"LD_PRELOAD": "/tmp/x.so", "BASH_FUNC_date%%": "() { id; }"}})");
  ASSERT_EQ(o.env.size(), 2u);
  EXPECT_FALSE(o.clear_env);
  auto cleared = parse(R"({"env": null})");
  EXPECT_TRUE(cleared.clear_env);
  EXPECT_TRUE(cleared.env.empty());
}

TEST(CommandOptions, MalformedOptionsNameTheField) {
  EXPECT_NE(error_of(R"({"cwd": "relative/dir"})").find("options.cwd must be an absolute path"), std::string::npos);
  EXPECT_NE(error_of(R"({"env": {"A=B": "x"}})").find("not a variable name"), std::string::npos);
  EXPECT_NE(error_of(R"({"env": {"A": 1}})").find("options.env.A must be a string"), std::string::npos);
  EXPECT_NE(error_of(R"({"env": {"A": "x\u0000y"}})").find("NUL"), std::string::npos);
  EXPECT_NE(error_of(R"({"env": []})").find("options.env must be an object"), std::string::npos);
  EXPECT_NE(error_of(R"({"shell": true})").find("unknown option 'shell'"), std::string::npos);
  EXPECT_NE(error_of(R"("x")").find("'options' must be an object"), std::string::npos);
  auto o = parse(R"({"cwd": "/tmp", "encoding": "raw", "sidecar": false})");
  EXPECT_EQ(o.cwd, "/tmp");
  EXPECT_EQ(o.encoding, "raw");
}
