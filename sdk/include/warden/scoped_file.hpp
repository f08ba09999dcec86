#pragma once
// Opening a path the host judged (warden.path-scope/1's check_path, warden/path_scope.hpp)
// without following any symlink, so that what is opened is what was judged.
//
// check_path returns the canonical path: every symlink on it already resolved. Opening that
// path with the kernel told to follow no symlink at all means a folder swapped for a symlink
// between the check and the open ("symlink swap") makes the open fail with ELOOP instead of
// leading elsewhere. The kernel does it in one call with openat2(RESOLVE_NO_SYMLINKS) (Linux
// 5.6); where openat2 is missing (older kernels, valgrind, seccomp filters that answer ENOSYS or
// EPERM) the folder is walked one component at a time from "/", each opened O_NOFOLLOW and
// required to be a folder.
//
// Header-only, C++20, Linux; depends on nothing of the host. Errors are std::system_error
// naming the path; ELOOP (errc::too_many_symbolic_link_levels) means a symlink appeared on a
// path that had none when it was checked: treat it as a refusal by scope.
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace warden {

// Owns one file descriptor.
class FileDescriptor {
 public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& o) noexcept : fd_(o.release()) {}
  FileDescriptor& operator=(FileDescriptor&& o) noexcept {
    if (this != &o) {
      if (fd_ >= 0) ::close(fd_);
      fd_ = o.release();
    }
    return *this;
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

namespace scoped_file {

// Throws std::system_error for `error` with "<what> '<path>'" as its message; for ELOOP it says
// that a symlink appeared after the check.
[[noreturn]] inline void throw_error(std::string_view what, std::string_view path, int error) {
  std::string message = std::string(what) + " '" + std::string(path) + "'";
  if (error == ELOOP) message += " (a symlink is on the path: it changed after its check)";
  throw std::system_error(error, std::generic_category(), message);
}

// The non-empty parts of `path` between slashes ("/a//b/" -> {"a", "b"}), viewing into `path`.
inline std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The absolute canonical `folder`, opened O_PATH | O_DIRECTORY one component at a time from
// "/", each opened O_NOFOLLOW and required to be a folder. Returns the descriptor, or -1 with
// errno (ELOOP for a symlink, EINVAL for "." or "..", which a canonical path has not).
inline int walk_without_symlinks(std::string_view folder) {
  if (folder.empty() || folder.front() != '/') {
    errno = EINVAL;
    return -1;
  }
  FileDescriptor current(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!current) return -1;
  for (auto part : components(folder)) {
    std::string name(part);
    if (name == "." || name == "..") {
      errno = EINVAL;
      return -1;
    }
    struct stat st {};
    if (::fstatat(current.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
    if (S_ISLNK(st.st_mode)) {
      errno = ELOOP;
      return -1;
    }
    FileDescriptor next(::openat(current.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) return -1;
    current = std::move(next);
  }
  return current.release();
}

// The absolute canonical `folder` opened O_PATH | O_DIRECTORY without following any symlink:
// openat2(RESOLVE_NO_SYMLINKS) where the kernel has it, else walk_without_symlinks. Returns the
// descriptor, or -1 with errno.
inline int open_folder_raw(const std::string& folder) {
  open_how how{};
  how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = ::syscall(SYS_openat2, AT_FDCWD, folder.c_str(), &how, sizeof how);
  if (fd < 0 && (errno == ENOSYS || errno == EPERM)) return walk_without_symlinks(folder);
  return static_cast<int>(fd);
}

// The canonical `path` split into its folder and its last name ("" for "/").
struct FolderAndName {
  std::string folder;
  std::string name;
};
inline FolderAndName split(std::string_view path) {
  auto slash = path.rfind('/');
  if (slash == std::string_view::npos || path == "/") return {"/", ""};
  return {slash == 0 ? std::string("/") : std::string(path.substr(0, slash)), std::string(path.substr(slash + 1))};
}

}  // namespace scoped_file

// The absolute canonical `folder` (O_PATH | O_DIRECTORY), no symlink followed. Throws
// std::system_error naming it.
inline FileDescriptor open_scoped_folder(const std::string& folder) {
  int fd = scoped_file::open_folder_raw(folder);
  if (fd < 0) scoped_file::throw_error("cannot open the folder", folder, errno);
  return FileDescriptor(fd);
}

// The file or folder at the absolute canonical `path`: its folder opened without symlinks, then
// the last name with openat(flags | O_NOFOLLOW | O_CLOEXEC, mode), so a symlink there fails with
// ELOOP too. Flags as for open(2): O_RDONLY to read, O_WRONLY | O_TRUNC to write, add O_CREAT
// (| O_EXCL) to create, O_RDONLY | O_DIRECTORY for a folder to list. Throws std::system_error
// naming the path.
inline FileDescriptor open_scoped(const std::string& path, int flags, mode_t mode = 0) {
  auto [folder, name] = scoped_file::split(path);
  FileDescriptor dir = open_scoped_folder(folder);
  const char* last = name.empty() ? "." : name.c_str();
  FileDescriptor fd(::openat(dir.get(), last, flags | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!fd) {
    int error = errno;
    // With O_DIRECTORY the kernel answers ENOTDIR for a symlink in the last place: it is one.
    struct stat st {};
    if (error == ENOTDIR && ::fstatat(dir.get(), last, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
      error = ELOOP;
    scoped_file::throw_error("cannot open", path, error);
  }
  return fd;
}

// One entry of a listed folder; symlinks are reported, never followed.
struct FolderEntry {
  std::string name;
  unsigned char type = DT_UNKNOWN;  // DT_REG, DT_DIR, DT_LNK, ... (lstat-like; DT_UNKNOWN resolved)
};

// The entries of the absolute canonical `folder` (without "." and ".."), opened without symlinks.
inline std::vector<FolderEntry> list_scoped_folder(const std::string& folder) {
  FileDescriptor fd = open_scoped(folder, O_RDONLY | O_DIRECTORY);
  DIR* dir = ::fdopendir(fd.get());
  if (!dir) scoped_file::throw_error("cannot list", folder, errno);
  fd.release();  // the DIR owns it now
  std::vector<FolderEntry> out;
  errno = 0;
  while (dirent* e = ::readdir(dir)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    FolderEntry entry{std::string(name), e->d_type};
    if (entry.type == DT_UNKNOWN) {
      struct stat st {};
      if (::fstatat(::dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        entry.type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    out.push_back(std::move(entry));
    errno = 0;
  }
  int error = errno;
  ::closedir(dir);
  if (error != 0) scoped_file::throw_error("cannot list", folder, error);
  return out;
}

// The folders of the absolute canonical `folder` that do not exist yet, made one at a time
// (mode 0700 & ~umask for each new one) beside their parent opened without symlinks; an
// existing symlink on the way fails with ELOOP. Returns the folder, opened O_PATH.
inline FileDescriptor make_scoped_folders(const std::string& folder, mode_t mode = 0700) {
  FileDescriptor current(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!current) scoped_file::throw_error("cannot open the folder", "/", errno);
  for (auto part : scoped_file::components(folder)) {
    std::string name(part);
    if (name == "." || name == "..") scoped_file::throw_error("cannot make the folder", folder, EINVAL);
    if (::mkdirat(current.get(), name.c_str(), mode) != 0 && errno != EEXIST)
      scoped_file::throw_error("cannot make the folder", folder, errno);
    FileDescriptor next(::openat(current.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) scoped_file::throw_error("cannot open the folder", folder, errno == ENOTDIR ? ELOOP : errno);
    current = std::move(next);
  }
  return current;
}

// Replaces the file at the absolute canonical `path` with `data` atomically: a temporary file
// beside it (created O_EXCL in the folder opened without symlinks), fsync, renameat over the
// file, fsync of the folder; a crash leaves the old file or the new one. A new file gets `mode`;
// an existing one keeps its own. On failure the temporary file is removed and the old file
// untouched. Throws std::system_error naming the path.
inline void replace_scoped_file(const std::string& path, std::span<const std::uint8_t> data, mode_t mode = 0600) {
  auto [folder, name] = scoped_file::split(path);
  if (name.empty()) scoped_file::throw_error("cannot replace", path, EISDIR);
  FileDescriptor dir(::openat(open_scoped_folder(folder).get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) scoped_file::throw_error("cannot open the folder", folder, errno);
  struct stat existing {};
  if (::fstatat(dir.get(), name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(existing.st_mode)) scoped_file::throw_error("cannot replace", path, ELOOP);
    mode = existing.st_mode & 07777;
  }
  std::string temp;
  FileDescriptor out;
  for (int attempt = 0; !out && attempt < 16; ++attempt) {
    std::uint64_t r = 0;
    if (::getrandom(&r, sizeof r, 0) != static_cast<ssize_t>(sizeof r)) r ^= static_cast<std::uint64_t>(::getpid()) << 20 ^ attempt;
    temp = "." + name + ".tmp-" + std::to_string(r % 1000000000u);
    out = FileDescriptor(::openat(dir.get(), temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!out && errno != EEXIST) scoped_file::throw_error("cannot create a temporary file beside", path, errno);
  }
  if (!out) scoped_file::throw_error("cannot create a temporary file beside", path, EEXIST);
  auto fail = [&](std::string_view what, int error) {
    ::unlinkat(dir.get(), temp.c_str(), 0);
    scoped_file::throw_error(what, path, error);
  };
  for (std::size_t done = 0; done < data.size();) {
    ssize_t n = ::write(out.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", errno);
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(out.get(), mode) != 0) fail("cannot set the mode of", errno);
  if (::fsync(out.get()) != 0) fail("cannot flush", errno);
  if (::close(out.release()) != 0) fail("cannot close", errno);
  if (::renameat(dir.get(), temp.c_str(), dir.get(), name.c_str()) != 0) fail("cannot replace", errno);
  if (::fsync(dir.get()) != 0) scoped_file::throw_error("saved, but cannot flush the folder of", path, errno);
}

// The whole file at the absolute canonical `path`, opened without symlinks, at most `max_bytes`
// (std::system_error EFBIG past it). Throws std::system_error naming the path (ENOENT when it
// does not exist).
inline std::string read_scoped_file(const std::string& path, std::uint64_t max_bytes = UINT64_MAX) {
  FileDescriptor fd = open_scoped(path, O_RDONLY | O_NONBLOCK);  // a FIFO must not hold the thread
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) scoped_file::throw_error("cannot examine", path, errno);
  if (!S_ISREG(st.st_mode)) scoped_file::throw_error("cannot read", path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL);
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) scoped_file::throw_error("cannot read", path, EFBIG);
  std::string text;
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) scoped_file::throw_error("cannot read", path, errno);
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) scoped_file::throw_error("cannot read", path, EFBIG);  // it grows while read
  }
  return text;
}

}  // namespace warden
