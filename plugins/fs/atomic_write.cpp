#include "atomic_write.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>

namespace warden::fs_plugin {
namespace {

std::string random_suffix() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[8];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) throw_errno("getrandom for", "a temporary name", errno);
  std::string s;
  for (unsigned char b : bytes) s += kAlphabet[b % 36];
  return s;
}

void append_in_place(const ScopedPath& path, const Fd& folder, std::span<const std::uint8_t> data, const WriteMode& how) {
  int flags = O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC;
  if (how.create || how.create_new) flags |= O_CREAT;
  if (how.create_new) flags |= O_EXCL;
  Fd fd(::openat(folder.get(), path.name().c_str(), flags, how.mode.value_or(0666)));
  if (!fd) throw_errno("cannot open for appending", path.full(), errno);
  write_all(fd.get(), data, path.full());
  if (::fsync(fd.get()) != 0) throw_errno("cannot flush", path.full(), errno);
}

}  // namespace

void write_all(int fd, std::span<const std::uint8_t> data, const std::string& what) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("cannot write", what, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

void write_file(const ScopedPath& path, std::span<const std::uint8_t> data, const WriteMode& how) {
  if (path.name().empty()) throw_errno("cannot write", path.full(), EISDIR);
  Fd folder = path.open_folder();
  if (how.append) return append_in_place(path, folder, data, how);

  struct stat existing {};
  bool exists = ::fstatat(folder.get(), path.name().c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0;
  if (!exists && errno != ENOENT) throw_errno("cannot examine", path.full(), errno);
  if (exists && how.create_new) throw_errno("cannot create", path.full(), EEXIST);
  if (!exists && !how.create) throw_errno("cannot write", path.full(), ENOENT);
  if (exists && S_ISDIR(existing.st_mode)) throw_errno("cannot write", path.full(), EISDIR);
  if (exists && !S_ISREG(existing.st_mode)) throw std::runtime_error("cannot write '" + path.full() + "': not a regular file");

  // The temporary file is hidden and unguessable, so nothing else picks it up half-written.
  std::string temp;
  Fd fd;
  for (int attempt = 0; attempt < 8 && !fd; ++attempt) {
    temp = "." + path.name().substr(0, 200) + ".warden-" + random_suffix() + ".tmp";
    fd = Fd(::openat(folder.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                     exists ? 0600 : how.mode.value_or(0666)));
    if (!fd && errno != EEXIST) throw_errno("cannot create a temporary file next to", path.full(), errno);
  }
  if (!fd) throw_errno("cannot create a temporary file next to", path.full(), EEXIST);
  try {
    write_all(fd.get(), data, path.full());
    if (exists && ::fchmod(fd.get(), existing.st_mode & 07777) != 0) throw_errno("cannot keep the mode of", path.full(), errno);
    if (::fsync(fd.get()) != 0) throw_errno("cannot flush", path.full(), errno);
    fd = Fd();
    unsigned flags = how.create_new ? RENAME_NOREPLACE : 0;
    if (::renameat2(folder.get(), temp.c_str(), folder.get(), path.name().c_str(), flags) != 0)
      throw_errno("cannot replace", path.full(), errno);
  } catch (...) {
    ::unlinkat(folder.get(), temp.c_str(), 0);
    throw;
  }
  // The rename itself is durable only once the folder is flushed.
  Fd readable(::openat(folder.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (readable) ::fsync(readable.get());
}

}  // namespace warden::fs_plugin
