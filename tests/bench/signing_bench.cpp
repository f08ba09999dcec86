// Verifying an update-sized archive: a 100 MiB file signed by Debian's minisign (prehashed, as
// `minisign -S` and `tauri signer sign` do) checked by verify_file, which streams it in 1 MiB
// blocks. The figure to read is the throughput (BLAKE2b-512 dominates); it is not asserted.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "signing/minisign.hpp"

namespace fs = std::filesystem;
using namespace warden::signing;

namespace {

[[noreturn]] void fail(const std::string& why) {
  std::fprintf(stderr, "signing_bench: %s\n", why.c_str());
  std::exit(1);
}

std::string read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void run(const std::string& command) {
  if (std::system((command + " >/dev/null 2>&1 </dev/null").c_str()) != 0)
    fail("'" + command + "' failed; Debian's minisign is needed (scripts/install-deps.sh lists it)");
}

struct SignedFile {
  fs::path dir, file;
  MinisignPublicKey key;
  MinisignSignature signature;

  explicit SignedFile(std::uintmax_t size) {
    std::string tmpl = (fs::temp_directory_path() / "warden-signing-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) fail("cannot create a temporary folder");
    dir = tmpl;
    file = dir / "update.tar.gz";
    std::ofstream(file, std::ios::binary) << "archive";
    fs::resize_file(file, size);
    run("minisign -G -W -p " + (dir / "k.pub").string() + " -s " + (dir / "k.key").string());
    run("minisign -S -s " + (dir / "k.key").string() + " -m " + file.string() + " -t bench");
    key = parse_public_key(read_all(dir / "k.pub"));
    signature = parse_signature(read_all(file.string() + ".minisig"));
  }
  ~SignedFile() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

void BM_VerifyFile100MiB(benchmark::State& state) {
  constexpr std::uintmax_t size = 100ull << 20;
  SignedFile signed_file(size);
  for (auto _ : state) {
    std::string comment = verify_file(signed_file.key, signed_file.signature, signed_file.file);
    benchmark::DoNotOptimize(comment);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}
BENCHMARK(BM_VerifyFile100MiB)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
