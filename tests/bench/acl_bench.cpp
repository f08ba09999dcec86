// Authority decisions as capabilities grow: each capability grants its own command to its
// own window glob, and the checked command is granted by exactly one. A decision must
// stay under 100 ns and flat from 1 to 10,000 capabilities (read the figures, they are
// not asserted). Also: parsing and resolving the plugins-workspace corpus.
#include <benchmark/benchmark.h>

#include <filesystem>

#include <spdlog/spdlog.h>

#include "acl/authority.hpp"
#include "acl/resolver.hpp"

using namespace warden::acl;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  std::shared_ptr<const ManifestSet> manifests;
  std::unique_ptr<Authority> authority;
  std::string command;
  std::string window;
};

Fixture make_fixture(int n) {
  PluginManifest m{"bench", "generated", {}};
  PermissionFile file;
  file.source = "generated.toml";
  for (int i = 0; i < n; ++i) {
    Permission p;
    p.identifier = "allow-c" + std::to_string(i);
    p.commands_allow = {"c" + std::to_string(i)};
    file.permissions.push_back(std::move(p));
  }
  m.files.push_back(std::move(file));
  std::vector<Capability> caps;
  for (int i = 0; i < n; ++i) {
    Capability c;
    c.identifier = "cap-" + std::to_string(i);
    c.windows = {"win-" + std::to_string(i) + "-*"};
    c.permissions.push_back({"bench:allow-c" + std::to_string(i), {}, {}});
    caps.push_back(std::move(c));
  }
  Fixture f;
  f.manifests = std::make_shared<const ManifestSet>(std::vector<PluginManifest>{std::move(m)});
  f.authority = std::make_unique<Authority>(f.manifests, std::move(caps), Target::linux);
  int k = n / 2;
  f.command = "plugin:bench|c" + std::to_string(k);
  f.window = "win-" + std::to_string(k) + "-main";
  return f;
}

void BM_CheckAllowed(benchmark::State& state) {
  Fixture f = make_fixture(int(state.range(0)));
  const Origin local = Origin::local();
  for (auto _ : state) {
    Decision d = f.authority->check(f.command, f.window, f.window, local);
    benchmark::DoNotOptimize(d.verdict);
  }
  if (!f.authority->check(f.command, f.window, f.window, local).allowed()) state.SkipWithError("not allowed");
}
BENCHMARK(BM_CheckAllowed)->Arg(1)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_CheckWrongWindow(benchmark::State& state) {
  Fixture f = make_fixture(int(state.range(0)));
  const Origin local = Origin::local();
  for (auto _ : state) {
    Decision d = f.authority->check(f.command, "win-x-main", "win-x-main", local);
    benchmark::DoNotOptimize(d.verdict);
  }
}
BENCHMARK(BM_CheckWrongWindow)->Arg(1)->Arg(10000);

void BM_CheckUnknownCommand(benchmark::State& state) {
  Fixture f = make_fixture(int(state.range(0)));
  const Origin local = Origin::local();
  for (auto _ : state) {
    Decision d = f.authority->check("plugin:bench|nope", f.window, f.window, local);
    benchmark::DoNotOptimize(d.verdict);
  }
}
BENCHMARK(BM_CheckUnknownCommand)->Arg(1)->Arg(10000);

const fs::path kCorpus = fs::path(WARDEN_TEST_DATA) / "corpus" / "plugins-workspace";

std::vector<PluginManifest> load_corpus() {
  std::vector<PluginManifest> out;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.is_directory()) out.push_back(load_manifest_folder(e.path().filename().string(), e.path() / "permissions"));
  return out;
}

void BM_ParseCorpus(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(load_corpus());
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

void BM_ResolveCorpusDefaults(benchmark::State& state) {
  ManifestSet manifests(load_corpus());
  Capability cap;
  cap.identifier = "all";
  cap.windows = {"*"};
  for (const auto& name : manifests.plugin_names())
    if (name != "positioner") cap.permissions.push_back({name + ":default", {}, {}});
  std::vector<Capability> caps{cap};
  for (auto _ : state) benchmark::DoNotOptimize(resolve_acl(manifests, caps, Target::linux));
}
BENCHMARK(BM_ResolveCorpusDefaults)->Unit(benchmark::kMicrosecond);

}  // namespace

// The corpus's known defect logs a warning per load; keep the benchmark output readable.
int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::err);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
