#pragma once
// A plugin library opened for reading without blocking and without reading anything that is not
// a regular file. Plugin folders may be writable by others (`warden doctor` exists to inspect
// them): a FIFO named libevil.so blocks a plain open(O_RDONLY) until a writer comes, and a link
// to /dev/zero never ends. The type is checked with stat() before the file is opened (no open at
// all for a device, whose open may have effects), the open is non-blocking, and fstat() of the
// opened descriptor checks it again, so a file swapped in between is refused too.
#include <cstdint>
#include <filesystem>

namespace warden::plugin {

class RegularFile {
 public:
  // Throws LoadError naming `file`: "not a regular file (a FIFO)", "cannot open: ...".
  explicit RegularFile(const std::filesystem::path& file);
  ~RegularFile();
  RegularFile(const RegularFile&) = delete;
  RegularFile& operator=(const RegularFile&) = delete;

  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }
  // /proc/self/fd/N: what readers that take a path (Boost.DLL, libelf through this class) open
  // again, reaching this same inode whatever happens to `file` meanwhile. Valid while this lives.
  std::filesystem::path descriptor_path() const;

 private:
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace warden::plugin
