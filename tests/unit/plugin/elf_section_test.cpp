// Reading a section's bytes from a shared library file with libelf, without loading it.
#include <gtest/gtest.h>

#include <cstring>

#include "plugin/elf_section.hpp"
#include "plugin/load_error.hpp"
#include "test_files.hpp"
#include "warden/plugin.h"

using namespace warden::plugin;
using warden::test::TempDir;

namespace {

std::string load_error_reason(const std::function<void()>& f) {
  try {
    f();
  } catch (const LoadError& e) {
    return e.what();
  }
  return "(no LoadError)";
}

}  // namespace

TEST(ElfSection, ReadsTheManifestSectionOfABuiltPlugin) {
  auto s = read_elf_section(WARDEN_TEST_GOOD, WARDEN_MANIFEST_SECTION);
  ASSERT_TRUE(s.has_value());
  ASSERT_GE(s->bytes.size(), WARDEN_MANIFEST_HEADER_SIZE);
  EXPECT_EQ(0, std::memcmp(s->bytes.data(), WARDEN_MANIFEST_MAGIC, 8));
}

TEST(ElfSection, AbsentSectionIsNullopt) {
  EXPECT_FALSE(read_elf_section(WARDEN_TEST_NO_SECTION, WARDEN_MANIFEST_SECTION).has_value());
  EXPECT_TRUE(read_elf_section(WARDEN_TEST_NO_SECTION, ".dynsym").has_value());
}

TEST(ElfSection, TextFileIsNotASharedLibrary) {
  TempDir dir;
  auto f = dir.write("fake.so", "this is text, not ELF\n");
  std::string why = load_error_reason([&] { check_elf_shared_library(f); });
  EXPECT_NE(why.find("fake.so"), std::string::npos) << why;
  EXPECT_NE(why.find("not a shared library"), std::string::npos) << why;
}

TEST(ElfSection, EmptyAndMissingFilesAreRefusedWithTheirName) {
  TempDir dir;
  auto empty = dir.write("empty.so", "");
  EXPECT_NE(load_error_reason([&] { check_elf_shared_library(empty); }).find("empty.so"), std::string::npos);
  std::string why = load_error_reason([&] { check_elf_shared_library(dir / "missing.so"); });
  EXPECT_NE(why.find("missing.so: cannot open"), std::string::npos) << why;
  EXPECT_NE(load_error_reason([&] { check_elf_shared_library(dir.path()); }).find("not a regular file"),
            std::string::npos);
}

TEST(ElfSection, ObjectFileIsNotASharedLibrary) {
  // A relocatable object: a real ELF file whose type is ET_REL. Build one header by hand.
  TempDir dir;
  std::string ehdr(64, '\0');
  const unsigned char ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
  std::memcpy(ehdr.data(), ident, sizeof ident);
  ehdr[16] = 1;     // e_type = ET_REL
  ehdr[18] = 0x3e;  // e_machine = x86-64
  ehdr[20] = 1;     // e_version
  ehdr[52] = 64;    // e_ehsize
  auto f = dir.write("object.so", ehdr);
  std::string why = load_error_reason([&] { check_elf_shared_library(f); });
  EXPECT_NE(why.find("relocatable object"), std::string::npos) << why;
}

TEST(ElfSection, TruncatedLibraryIsRefusedNotRead) {
  TempDir dir;
  std::string bytes = warden::test::read_file(WARDEN_TEST_GOOD);
  auto f = dir.write("truncated.so", bytes.substr(0, bytes.size() / 2));
  std::string why = load_error_reason([&] { (void)read_elf_section(f, WARDEN_MANIFEST_SECTION); });
  EXPECT_NE(why.find("truncated.so"), std::string::npos) << why;
}
