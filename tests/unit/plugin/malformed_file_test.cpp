// Reading plugins that are damaged or hostile: the checks that run without loading (libelf,
// Boost.DLL's library_info, the section decoder) refuse them with a LoadError and never crash
// or hang. Deterministic mutations of a real plugin file and of its manifest section.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <functional>
#include <random>

#include "plugin/elf_section.hpp"
#include "plugin/load_error.hpp"
#include "plugin/manifest_section.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/plugin_pin.hpp"
#include "test_files.hpp"
#include "warden/plugin.h"

using namespace warden::plugin;
using warden::test::TempDir;

namespace {

// Only LoadError may come out; anything else (or a crash) fails the test.
void expect_handled(const std::function<void()>& f, const std::string& what) {
  try {
    f();
  } catch (const LoadError&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": unexpected " << typeid(e).name() << ": " << e.what();
  }
}

}  // namespace

TEST(MalformedFiles, MutatedElfHeadersAndSectionTablesAreRefusedCleanly) {
  const std::string original = warden::test::read_file(WARDEN_TEST_GOOD);
  ASSERT_GT(original.size(), 4096u);
  // Where the ELF header says the section header table is (64-bit little-endian).
  std::uint64_t shoff = 0;
  for (int i = 0; i < 8; ++i) shoff |= static_cast<std::uint64_t>(static_cast<unsigned char>(original[0x28 + i])) << (8 * i);
  ASSERT_LT(shoff, original.size());

  TempDir dir;
  std::mt19937 rng(1234);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = original;
    const bool header = round % 2 == 0;
    const std::size_t begin = header ? 0 : static_cast<std::size_t>(shoff);
    const std::size_t span = header ? 64 : original.size() - static_cast<std::size_t>(shoff);
    for (int k = 0; k < 1 + round % 4; ++k) {
      std::size_t at = begin + rng() % span;
      bytes[at] = static_cast<char>(rng() % 256);
    }
    auto f = dir.write("mutated-" + std::to_string(round) + ".so", bytes);
    expect_handled([&] { check_plugin_file(f); }, f.string());
    expect_handled([&] { (void)read_manifest_section(f); }, f.string());
    std::filesystem::remove(f);
  }
}

TEST(MalformedFiles, MutatedManifestSectionsAreRefusedCleanly) {
  auto section = read_elf_section(WARDEN_TEST_GOOD, WARDEN_MANIFEST_SECTION);
  ASSERT_TRUE(section);
  std::mt19937 rng(99);
  int accepted = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::uint8_t> bytes = section->bytes;
    for (int k = 0; k < 1 + round % 3; ++k) bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng() % 256);
    if (round % 7 == 0) bytes.resize(rng() % bytes.size());
    try {
      decode_manifest_section(bytes, "mutated.so");
      ++accepted;  // a mutation inside a description can stay valid
    } catch (const LoadError&) {
    }
  }
  EXPECT_LT(accepted, 2000);
}

// A plugin folder others may write (issue 13, finding 4): a FIFO named lib*.so would block a
// plain open until a writer comes, a link to /dev/zero never ends. Every reader refuses both as
// "not a regular file" without blocking (a regression hangs here until ctest's timeout).
TEST(MalformedFiles, FifoAndDeviceAreRefusedWithoutBlocking) {
  TempDir dir;
  const std::filesystem::path fifo = dir.path() / "libevil.so";
  const std::filesystem::path zero = dir.path() / "libzero.so";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::filesystem::create_symlink("/dev/zero", zero);
  for (const auto& file : {fifo, zero}) {
    auto expect_refused = [&file](const std::function<void()>& read, const char* reader) {
      try {
        read();
        ADD_FAILURE() << reader << " read " << file;
      } catch (const LoadError& e) {
        EXPECT_EQ(e.file(), file) << reader;
        EXPECT_NE(e.reason().find("not a regular file"), std::string::npos) << reader << ": " << e.reason();
      }
    };
    expect_refused([&] { check_plugin_file(file); }, "check_plugin_file");
    expect_refused([&] { read_manifest_section(file); }, "read_manifest_section");
    expect_refused([&] { sha256_of_file(file); }, "sha256_of_file");
    expect_refused([&] { PinnedCopy copy(file); }, "PinnedCopy");
  }
  auto scanned = scan_plugin_folders({dir.path()});
  ASSERT_EQ(scanned.size(), 2u);
  for (const auto& c : scanned) {
    ASSERT_TRUE(c.refused.has_value()) << c.file;
    EXPECT_NE(c.refused->find("not a regular file"), std::string::npos) << *c.refused;
  }
}
