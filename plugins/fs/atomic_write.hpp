#pragma once
// Writing a whole file so that a reader, or a crash, sees the old content or the new one and
// never half of it: a temporary file in the same folder, fsync, rename over the old name,
// fsync of the folder. Appending writes in place (it cannot be atomic and keep the old bytes).
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <span>

#include "scoped_path.hpp"

namespace warden::fs_plugin {

struct WriteMode {
  bool append = false;
  bool create = true;       // create the file when it does not exist
  bool create_new = false;  // fail when it exists
  std::optional<mode_t> mode;  // of a new file (umask applies); an existing file keeps its own
};

// Throws std::system_error (or std::runtime_error for a path that turned into a symlink).
void write_file(const ScopedPath& path, std::span<const std::uint8_t> data, const WriteMode& how);

// Writes all of `data` to `fd`, retrying short writes. Throws std::system_error naming `what`.
void write_all(int fd, std::span<const std::uint8_t> data, const std::string& what);

}  // namespace warden::fs_plugin
