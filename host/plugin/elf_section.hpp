#pragma once
// Reads one section of an ELF shared library from the file, with libelf, without loading it:
// no plugin code runs. The file is untrusted: every offset and size is checked against the
// file before anything is read, and the section size is capped.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace warden::plugin {

inline constexpr std::size_t max_section_size = 16u * 1024u * 1024u;

struct ElfSection {
  std::string name;
  std::vector<std::uint8_t> bytes;
};

// Checks that `file` is an ELF shared object (ET_DYN) of this host's class and machine, with
// a section header table whose every section lies within the file. Throws LoadError naming
// the file and the reason ("not an ELF file", "an ELF executable, not a shared library", ...).
void check_elf_shared_library(const std::filesystem::path& file);

// Returns the bytes of the section called `name`, nullopt when there is none. Throws
// LoadError for a file check_elf_shared_library refuses, a section that holds no file bytes
// (SHT_NOBITS), more than one section with that name, or one larger than max_section_size.
std::optional<ElfSection> read_elf_section(const std::filesystem::path& file,
                                           const std::string& name);

}  // namespace warden::plugin
