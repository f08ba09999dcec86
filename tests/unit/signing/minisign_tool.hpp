#pragma once
// Debian's `minisign`, driven as a user drives it, to make the keys and signatures the tests
// verify. Every helper fails the test (throws) when minisign is missing or refuses.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "files.hpp"
#include "process.hpp"

namespace warden::signing::test {

inline void require_minisign() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start)) / "minisign";
    if (::access(candidate.c_str(), X_OK) == 0) return;
    start = end + 1;
  }
  throw std::runtime_error(
      "these tests need Debian's minisign (apt-get install minisign; scripts/install-deps.sh lists it), "
      "and it is not in PATH");
}

inline std::string minisign(const std::vector<std::string>& args) {
  require_minisign();
  std::vector<std::string> argv{"minisign"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = warden::test::run_process(argv);
  if (result.exit_code != 0) {
    std::string line;
    for (const auto& a : argv) line += a + " ";
    throw std::runtime_error(line + "failed (" + std::to_string(result.exit_code) + "): " + result.err);
  }
  return result.out;
}

struct KeyPair {
  std::filesystem::path pub, key;
};

// A key pair without a password (-W), as a CI signing step makes one.
inline KeyPair make_key_pair(const std::filesystem::path& dir, const std::string& name) {
  KeyPair k{dir / (name + ".pub"), dir / (name + ".key")};
  minisign({"-G", "-W", "-p", k.pub.string(), "-s", k.key.string()});
  return k;
}

// Signs `file` into `file`.minisig (or `sig`): prehashed, as minisign does by default, or
// legacy with -l.
inline std::filesystem::path sign(const KeyPair& k, const std::filesystem::path& file, const std::string& trusted,
                                  bool legacy = false, std::filesystem::path sig = {}) {
  if (sig.empty()) sig = file.string() + ".minisig";
  std::vector<std::string> args{"-S"};
  if (legacy) args.push_back("-l");
  for (const std::string& a : {std::string("-s"), k.key.string(), std::string("-m"), file.string(),
                               std::string("-x"), sig.string(), std::string("-t"), trusted})
    args.push_back(a);
  minisign(args);
  return sig;
}

// minisign's own verdict on a signature file, to show a tampered case is refused by both.
inline bool minisign_accepts(const KeyPair& k, const std::filesystem::path& file, const std::filesystem::path& sig) {
  require_minisign();
  auto result = warden::test::run_process(
      {"minisign", "-V", "-q", "-p", k.pub.string(), "-m", file.string(), "-x", sig.string()});
  return result.exit_code == 0;
}

}  // namespace warden::signing::test
