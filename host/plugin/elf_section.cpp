#include "plugin/elf_section.hpp"

#include <gelf.h>
#include <libelf.h>

#include <algorithm>
#include <memory>

#include "plugin/load_error.hpp"
#include "plugin/regular_file.hpp"

namespace warden::plugin {
namespace {

#if defined(__x86_64__)
constexpr int host_machine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int host_machine = EM_AARCH64;
#elif defined(__i386__)
constexpr int host_machine = EM_386;
#elif defined(__arm__)
constexpr int host_machine = EM_ARM;
#elif defined(__riscv)
constexpr int host_machine = EM_RISCV;
#else
constexpr int host_machine = -1;  // unknown: not checked
#endif
constexpr int host_class = sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32;

struct ElfEnd {
  void operator()(Elf* e) const { elf_end(e); }
};
using ElfHandle = std::unique_ptr<Elf, ElfEnd>;

// An open, checked ELF file.
struct OpenElf {
  std::unique_ptr<RegularFile> fd;
  ElfHandle elf;
  std::uint64_t file_size = 0;
  std::size_t section_names_index = 0;
};

std::string elf_error() {
  const char* msg = elf_errmsg(-1);
  return msg ? msg : "unknown libelf error";
}

const char* type_name(unsigned type) {
  switch (type) {
    case ET_NONE: return "an ELF file of unknown type";
    case ET_REL: return "an ELF relocatable object (.o)";
    case ET_EXEC: return "an ELF executable";
    case ET_CORE: return "an ELF core dump";
    default: return "an ELF file of an unknown type";
  }
}

OpenElf open_checked(const std::filesystem::path& file) {
  if (elf_version(EV_CURRENT) == EV_NONE) throw LoadError(file, "libelf is unusable: " + elf_error());
  OpenElf out;
  out.fd = std::make_unique<RegularFile>(file);  // never blocks on a FIFO, never reads a device
  out.file_size = out.fd->size();

  out.elf.reset(elf_begin(out.fd->fd(), ELF_C_READ, nullptr));
  if (!out.elf) throw LoadError(file, "not a shared library: cannot read as ELF: " + elf_error());
  if (elf_kind(out.elf.get()) != ELF_K_ELF)
    throw LoadError(file, "not a shared library: not an ELF file");

  GElf_Ehdr ehdr;
  if (!gelf_getehdr(out.elf.get(), &ehdr))
    throw LoadError(file, "not a shared library: truncated or corrupt ELF header: " + elf_error());
  if (ehdr.e_type != ET_DYN)
    throw LoadError(file, std::string("not a shared library: ") + type_name(ehdr.e_type));
  if (gelf_getclass(out.elf.get()) != host_class)
    throw LoadError(file, std::string("built for a ") + (host_class == ELFCLASS64 ? "32" : "64") +
                              "-bit host, this host is " + (host_class == ELFCLASS64 ? "64" : "32") + "-bit");
  if (host_machine >= 0 && ehdr.e_machine != host_machine)
    throw LoadError(file, "built for another CPU architecture (ELF machine " +
                              std::to_string(ehdr.e_machine) + ", host " + std::to_string(host_machine) + ")");

  // From the raw header: libelf quietly ignores a section table that lies past the end of
  // the file, which would make a truncated plugin look like one without a manifest.
  std::size_t section_count = 0;
  if (elf_getshdrnum(out.elf.get(), &section_count) != 0)
    throw LoadError(file, "corrupt ELF file: cannot count sections: " + elf_error());
  const std::uint64_t declared = ehdr.e_shoff == 0 ? 0 : std::max<std::uint64_t>(ehdr.e_shnum, 1);
  const std::uint64_t table_size = declared * ehdr.e_shentsize;
  if (declared != 0 && (ehdr.e_shoff > out.file_size || table_size > out.file_size - ehdr.e_shoff))
    throw LoadError(file, "corrupt or truncated ELF file: the section header table extends past the end of the file");
  if (elf_getshdrstrndx(out.elf.get(), &out.section_names_index) != 0)
    throw LoadError(file, "corrupt ELF file: no section name table: " + elf_error());

  // Every section that occupies file bytes must lie inside the file: later readers (Boost.DLL
  // among them) trust these offsets.
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(out.elf.get(), scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr)) throw LoadError(file, "corrupt ELF section header: " + elf_error());
    if (shdr.sh_type == SHT_NOBITS) continue;
    if (shdr.sh_offset > out.file_size || shdr.sh_size > out.file_size - shdr.sh_offset)
      throw LoadError(file, "corrupt ELF file: section " + std::to_string(elf_ndxscn(scn)) +
                                " extends past the end of the file");
  }
  return out;
}

}  // namespace

void check_elf_shared_library(const std::filesystem::path& file) { (void)open_checked(file); }

std::optional<ElfSection> read_elf_section(const std::filesystem::path& file, const std::string& name) {
  OpenElf elf = open_checked(file);
  Elf_Scn* found = nullptr;
  GElf_Shdr found_hdr{};
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf.elf.get(), scn)) != nullptr) {
    GElf_Shdr shdr;
    if (!gelf_getshdr(scn, &shdr)) throw LoadError(file, "corrupt ELF section header: " + elf_error());
    const char* sec_name = elf_strptr(elf.elf.get(), elf.section_names_index, shdr.sh_name);
    if (!sec_name || name != sec_name) continue;
    if (found) throw LoadError(file, "more than one section named " + name);
    found = scn;
    found_hdr = shdr;
  }
  if (!found) return std::nullopt;
  if (found_hdr.sh_type == SHT_NOBITS) throw LoadError(file, "section " + name + " holds no bytes in the file");
  if (found_hdr.sh_size > max_section_size)
    throw LoadError(file, "section " + name + " is " + std::to_string(found_hdr.sh_size) +
                              " bytes, more than the limit of " + std::to_string(max_section_size));

  ElfSection out;
  out.name = name;
  out.bytes.reserve(static_cast<std::size_t>(found_hdr.sh_size));
  // elf_rawdata: the bytes as in the file, no translation; libelf may split them in pieces.
  Elf_Data* data = nullptr;
  while ((data = elf_rawdata(found, data)) != nullptr) {
    if (data->d_size == 0) continue;
    if (!data->d_buf) throw LoadError(file, "cannot read section " + name + ": " + elf_error());
    if (out.bytes.size() + data->d_size > found_hdr.sh_size)
      throw LoadError(file, "corrupt ELF file: section " + name + " data larger than its header says");
    const auto* p = static_cast<const std::uint8_t*>(data->d_buf);
    out.bytes.insert(out.bytes.end(), p, p + data->d_size);
  }
  if (out.bytes.size() != found_hdr.sh_size)
    throw LoadError(file, "cannot read section " + name + " (" + std::to_string(out.bytes.size()) + " of " +
                              std::to_string(found_hdr.sh_size) + " bytes): " + elf_error());
  return out;
}

}  // namespace warden::plugin
