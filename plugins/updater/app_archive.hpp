#pragma once
// The update archive (docs/plugins/updater.md): a gzip-compressed tar whose top level is the app
// folder's content. Extracted with libarchive into a fresh folder, entry by entry, refusing
// anything an app folder does not need and anything that could reach outside the folder:
// absolute paths, "..", symbolic and hard links, sparse files (GNU tar --sparse), devices, FIFOs,
// sockets; setuid/setgid bits and owners are never restored. Counts and sizes are capped as the
// entries come, not as the headers claim. Only called on an archive whose signature has verified.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warden::updater {

class ArchiveRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ExtractLimits {
  uint64_t max_entries = 20000;
  uint64_t max_total_bytes = 2ull << 30;  // the extracted files' sizes together
};

enum class EntryKind { file, directory, other };

// The entry's path below the new folder ("./a/b" -> "a/b"; "." and "./" -> "" for the top
// folder itself), or the reason it is refused (ArchiveRefused's text).
struct EntryCheck {
  std::string relative;
  std::optional<std::string> problem;
};
EntryCheck check_entry(std::string_view path, EntryKind kind, bool hardlink);

// Extracts the archive read from `fd` (from its current offset) into `into`, which must exist
// and be empty. Throws ArchiveRefused naming the entry and the reason.
void extract_app_archive(int fd, const std::filesystem::path& into, const ExtractLimits& limits = {});

}  // namespace warden::updater
