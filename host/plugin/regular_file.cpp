#include "plugin/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "plugin/load_error.hpp"

namespace warden::plugin {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  return "not a file";
}

[[noreturn]] void not_regular(const std::filesystem::path& file, mode_t mode) {
  throw LoadError(file, std::string("not a regular file (") + kind_of(mode) + "), so not a shared library");
}

}  // namespace

RegularFile::RegularFile(const std::filesystem::path& file) {
  struct stat named {};
  if (::stat(file.c_str(), &named) != 0) throw LoadError(file, std::string("cannot open: ") + std::strerror(errno));
  if (!S_ISREG(named.st_mode)) not_regular(file, named.st_mode);
  // O_NONBLOCK: if a FIFO took the file's place since the stat, open returns at once instead of
  // waiting for a writer; O_NOCTTY: a terminal there never becomes ours.
  fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd_ < 0) throw LoadError(file, std::string("cannot open: ") + std::strerror(errno));
  struct stat opened {};
  if (::fstat(fd_, &opened) != 0) {
    int err = errno;
    ::close(fd_);
    throw LoadError(file, std::string("cannot stat: ") + std::strerror(err));
  }
  if (!S_ISREG(opened.st_mode)) {
    ::close(fd_);
    not_regular(file, opened.st_mode);
  }
  // Reads of a regular file never block anyway; back to ordinary reads for whoever reads fd().
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) & ~O_NONBLOCK);
  size_ = static_cast<std::uint64_t>(opened.st_size);
}

RegularFile::~RegularFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::filesystem::path RegularFile::descriptor_path() const { return "/proc/self/fd/" + std::to_string(fd_); }

}  // namespace warden::plugin
