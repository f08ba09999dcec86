#include "app_archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <memory>

namespace warden::updater {
namespace {

struct ReadDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct WriteDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};

std::string printable(std::string_view path) {
  std::string out;
  for (unsigned char c : path.substr(0, 200)) out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  return out;
}

[[noreturn]] void refuse(std::string_view path, const std::string& why) {
  throw ArchiveRefused("the update archive's entry '" + printable(path) + "' is refused: " + why);
}

EntryKind kind_of(archive_entry* entry) {
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG: return EntryKind::file;
    case AE_IFDIR: return EntryKind::directory;
    default: return EntryKind::other;
  }
}

// libarchive's own refusals of what check_entry already refuses: a second line of defence.
// ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS cannot be among them: every entry is written to the new
// folder's absolute path (libarchive has no directory-relative extraction, and chdir is
// process-wide), so check_entry refuses an absolute name before that rewrite. Without
// ARCHIVE_EXTRACT_PERM and _OWNER the umask applies and no setuid bit, owner or ACL from the
// archive is restored.
constexpr int kWriteFlags = ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_TIME;

constexpr const char* kSparseRefusal =
    "sparse files are not part of an app folder (make the archive without tar's --sparse)";

// The data block by block, each where the previous ended: a block further on, or an end short of
// the entry's size, is a hole (a sparse entry whose map was not in its header), refused as well.
void copy_data(archive* in, archive* out, archive_entry* entry, std::string_view path, uint64_t& total,
               const ExtractLimits& limits) {
  const void* block = nullptr;
  size_t size = 0;
  la_int64_t offset = 0, expected = 0;
  for (;;) {
    int r = archive_read_data_block(in, &block, &size, &offset);
    if (r == ARCHIVE_EOF) {
      if (archive_entry_size_is_set(entry) && expected != archive_entry_size(entry)) refuse(path, kSparseRefusal);
      return;
    }
    if (r != ARCHIVE_OK) refuse(path, std::string("its data cannot be read: ") + archive_error_string(in));
    if (offset != expected) refuse(path, kSparseRefusal);
    expected = offset + static_cast<la_int64_t>(size);
    total += size;
    if (total > limits.max_total_bytes)
      refuse(path, "the files together pass " + std::to_string(limits.max_total_bytes) + " bytes");
    if (archive_write_data_block(out, block, size, offset) != ARCHIVE_OK)
      refuse(path, std::string("it cannot be written: ") + archive_error_string(out));
  }
}

}  // namespace

EntryCheck check_entry(std::string_view path, EntryKind kind, bool hardlink) {
  EntryCheck out;
  if (hardlink) return {{}, "hard links are not part of an app folder"};
  if (kind == EntryKind::other) return {{}, "only files and folders are allowed (no links, devices or FIFOs)"};
  if (path.empty()) return {{}, "it has no name"};
  if (path[0] == '/') return {{}, "absolute paths are not allowed"};
  std::string relative;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    if (part == "..") return {{}, "'..' is not allowed"};
    if (part.find('\0') != std::string_view::npos || part.find('\\') != std::string_view::npos)
      return {{}, "NUL and backslashes are not allowed in names"};
    if (!part.empty() && part != ".") relative += (relative.empty() ? "" : "/") + std::string(part);
    start = end + 1;
  }
  if (relative.empty() && kind != EntryKind::directory) return {{}, "a file cannot be the top folder"};
  out.relative = std::move(relative);
  return out;
}

void extract_app_archive(int fd, const std::filesystem::path& into, const ExtractLimits& limits) {
  std::unique_ptr<archive, ReadDeleter> in(archive_read_new());
  std::unique_ptr<archive, WriteDeleter> out(archive_write_disk_new());
  if (!in || !out) throw ArchiveRefused("libarchive could not start");
  // A gzip-compressed tar and nothing else: fewer parsers reached by the archive's bytes.
  archive_read_support_filter_gzip(in.get());
  archive_read_support_format_tar(in.get());
  archive_write_disk_set_options(out.get(), kWriteFlags);
  if (archive_read_open_fd(in.get(), fd, 64 * 1024) != ARCHIVE_OK)
    throw ArchiveRefused(std::string("the update archive is not a .tar.gz: ") + archive_error_string(in.get()));
  uint64_t entries = 0, total = 0;
  for (;;) {
    archive_entry* entry = nullptr;
    int r = archive_read_next_header(in.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK)
      throw ArchiveRefused(std::string("the update archive cannot be read: ") + archive_error_string(in.get()));
    if (++entries > limits.max_entries)
      throw ArchiveRefused("the update archive has more than " + std::to_string(limits.max_entries) + " entries");
    const char* name = archive_entry_pathname(entry);
    std::string path = name ? name : "";  // a copy: set_pathname below frees the entry's
    EntryCheck check = check_entry(path, kind_of(entry), archive_entry_hardlink(entry) != nullptr);
    if (check.problem) refuse(path, *check.problem);
    // A sparse entry would be written with holes, its size unbounded by the bytes it carries.
    if (archive_entry_sparse_count(entry) > 0) refuse(path, kSparseRefusal);
    if (check.relative.empty()) continue;  // the top folder exists already
    std::string target = (into / check.relative).string();
    archive_entry_set_pathname(entry, target.c_str());
    // Plain permissions only: rwx bits, no setuid, setgid or sticky bit; the owner may always read
    // and write (and enter folders), so that the app can read its files and a refused extraction
    // can always be removed again.
    unsigned owner = kind_of(entry) == EntryKind::directory ? 0700 : 0600;
    archive_entry_set_perm(entry, (archive_entry_perm(entry) & 0777) | owner);
    if (archive_write_header(out.get(), entry) != ARCHIVE_OK)
      refuse(path, std::string("it cannot be created: ") + archive_error_string(out.get()));
    if (kind_of(entry) == EntryKind::file) copy_data(in.get(), out.get(), entry, path, total, limits);
    if (archive_write_finish_entry(out.get()) != ARCHIVE_OK)
      refuse(path, std::string("it cannot be completed: ") + archive_error_string(out.get()));
  }
  if (archive_write_close(out.get()) != ARCHIVE_OK)
    throw ArchiveRefused(std::string("the extracted app cannot be completed: ") + archive_error_string(out.get()));
}

}  // namespace warden::updater
