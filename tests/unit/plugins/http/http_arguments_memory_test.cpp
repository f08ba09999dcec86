// The real libhttp.so under the host's loader, given 32 MiB of fetch arguments whose bulk is not
// the body (a huge headers list, a 30 MiB URL, a million nested brackets, thousands of unknown
// keys, millions of nulls): each is refused with its limit named, and the process's peak memory (VmHWM) grows by
// far less than the text itself. Before the argument budget, each of these grew it by hundreds
// of MiB (16 bytes of JSON value per byte of text and more). Each test runs in a process of its
// own (gtest_discover_tests), so one test's peak does not hide another's.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>

#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/resource_table.hpp"

using namespace warden::plugin;

namespace {

constexpr std::size_t kArgumentBytes = 32u << 20;
// The growth allowed: the refusal itself needs a few MiB at most; the old reader needed over 500.
constexpr long kMostGrowthMiB = 48;

long peak_kib() {
  std::ifstream f("/proc/self/status");
  for (std::string line; std::getline(f, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

struct HttpArguments : ::testing::Test {
  ResourceTable table;
  CallEnvironment env;
  std::unique_ptr<PluginLibrary> lib;
  void SetUp() override {
    env.resources = &table;
    lib = PluginLibrary::load(WARDEN_HTTP_PLUGIN, "{}");
  }
  void TearDown() override { table.remove_plugin("http"); }

  // fetch with `args` as its JSON text: its error (or "(accepted)"), and how much VmHWM grew.
  std::pair<std::string, long> fetch(std::string args) {
    EXPECT_GE(args.size(), kArgumentBytes);
    long before = peak_kib();
    auto started = std::chrono::steady_clock::now();
    CallRequest r;
    r.command = "fetch";
    r.args_json = std::move(args);
    r.scopes_json = R"({"command":{"allow":[{"url":"http://*:*"}],"deny":[]},"global":null})";
    r.caller.webview = "main";
    r.caller.origin = "app://localhost";
    r.environment = &env;
    auto result = lib->invoke(std::move(r)).wait_for(std::chrono::seconds(60));
    long grown_mib = (peak_kib() - before) / 1024;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (!result) return {"(no answer)", grown_mib};
    std::string answer = result->kind == CallResult::Kind::error ? result->error : "(accepted)";
    std::cerr << ::testing::UnitTest::GetInstance()->current_test_info()->name() << ": VmHWM grew " << grown_mib
              << " MiB for " << (kArgumentBytes >> 20) << " MiB of arguments, answered in " << ms.count()
              << " ms: " << answer << "\n";
    return {answer, grown_mib};
  }
};

std::string head(const std::string& members) {
  return R"({"clientConfig":{"method":"POST","url":"http://127.0.0.1:9/x","data":[1],)" + members;
}

// Repeats `item` (with commas) after `prefix` until the text is kArgumentBytes long, then closes it.
std::string filled(std::string prefix, const std::string& item, const std::string& close) {
  prefix.reserve(kArgumentBytes + item.size() + close.size() + 1);
  bool first = true;
  while (prefix.size() < kArgumentBytes) {
    if (!first) prefix += ',';
    prefix += item;
    first = false;
  }
  return prefix + close;
}

}  // namespace

TEST_F(HttpArguments, AHugeHeadersListIsRefusedAtItsLimit) {
  auto [error, grown] = fetch(filled(head(R"("headers":[)"), R"(["x-a","b"])", "]}}"));
  EXPECT_EQ(error, "clientConfig.headers holds more than 256 items");
  EXPECT_LT(grown, kMostGrowthMiB);
}

TEST_F(HttpArguments, AThirtyMebibyteUrlIsRefusedAtItsLimit) {
  std::string args = R"({"clientConfig":{"method":"GET","headers":[],"url":"http://)";
  args.append(kArgumentBytes, 'a');
  args += R"("}})";
  auto [error, grown] = fetch(std::move(args));
  EXPECT_EQ(error, "clientConfig.url holds a string longer than 65536 bytes");
  EXPECT_LT(grown, kMostGrowthMiB);
}

TEST_F(HttpArguments, DeepNestingIsRefusedAtItsLimit) {
  std::string args = head(R"("headers":)");
  args.append(kArgumentBytes, '[');
  auto [error, grown] = fetch(std::move(args));
  EXPECT_NE(error.find("nests deeper than fetch's arguments ever do"), std::string::npos) << error;
  EXPECT_LT(grown, kMostGrowthMiB);
}

TEST_F(HttpArguments, ThousandsOfUnknownKeysAreRefusedAtTheFirst) {
  std::string args = R"({"clientConfig":{)";
  args.reserve(kArgumentBytes + 64);
  for (int i = 0; args.size() < kArgumentBytes; ++i) args += "\"k" + std::to_string(i) + "\":\"vvvvvvvvvvvvvvvv\",";
  args += R"("method":"GET"}})";
  auto [error, grown] = fetch(std::move(args));
  EXPECT_NE(error.find("clientConfig.k0 is not a fetch option this Warden knows"), std::string::npos) << error;
  EXPECT_LT(grown, kMostGrowthMiB);
}

TEST_F(HttpArguments, ManyLargeHeaderValuesAreRefusedAtTheTextBudget) {
  std::string value(60 * 1024, 'v');
  auto [error, grown] = fetch(filled(head(R"("headers":[)"), R"(["x-a",")" + value + R"("])", "]}}"));
  EXPECT_EQ(error, "fetch's arguments besides the body hold more than 1048576 bytes of text (at clientConfig.headers)");
  EXPECT_LT(grown, kMostGrowthMiB);
}

TEST_F(HttpArguments, MillionsOfEmptyValuesAreRefusedAtTheValueLimit) {
  std::string nulls = "[null";
  for (int i = 1; i < 256; ++i) nulls += ",null";
  nulls += "]";
  auto [error, grown] = fetch(filled(head(R"("headers":[)"), nulls, "]}}"));
  EXPECT_EQ(error, "fetch's arguments besides the body hold more than 4096 values (at clientConfig.headers)");
  EXPECT_LT(grown, kMostGrowthMiB);
}
