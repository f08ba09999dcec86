#include "scoped_path.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace warden::fs_plugin {
namespace {

std::string join(const std::string& folder, std::string_view name) {
  return folder == "/" ? "/" + std::string(name) : folder + "/" + std::string(name);
}

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

[[noreturn]] void forbidden(const std::string& path) { refuse_scope("forbidden path: " + path); }

}  // namespace

void refuse_scope(const std::string& detail) { throw ScopeRefusal(detail); }

Fd& Fd::operator=(Fd&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.release();
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

void throw_errno(const std::string& what, const std::string& path, int error) {
  throw std::system_error(error, std::generic_category(), what + " '" + path + "'");
}

long walk_without_symlinks(const std::string& folder) {
  Fd current(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!current) return -1;
  for (auto part : warden::plugin::path_components(folder)) {
    std::string name(part);
    if (name == "." || name == "..") {
      errno = EINVAL;  // canonical paths have neither
      return -1;
    }
    struct stat st {};
    if (::fstatat(current.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return -1;
    if (S_ISLNK(st.st_mode)) {
      errno = ELOOP;
      return -1;
    }
    Fd next(::openat(current.get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) return -1;
    current = std::move(next);
  }
  return current.release();
}

Fd open_folder_no_symlinks(const std::string& folder) {
  open_how how{};
  how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
  how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  long fd = ::syscall(SYS_openat2, AT_FDCWD, folder.c_str(), &how, sizeof how);
  if (fd < 0 && (errno == ENOSYS || errno == EPERM)) fd = walk_without_symlinks(folder);
  if (fd < 0) {
    // ELOOP here means a symlink appeared on a path that had none when it was checked.
    if (errno == ELOOP) refuse_scope("forbidden path: '" + folder + "' changed into a symlink after its check");
    throw_errno("cannot open folder", folder, errno);
  }
  return Fd(static_cast<int>(fd));
}

ScopedPath ScopedPath::check(const std::string& absolute, Reach reach, const ScopeCheck& in_scope) {
  ScopedPath p;
  if (reach == Reach::target) {
    auto canonical = canonical_path(absolute);
    if (!canonical) forbidden(absolute);
    if (*canonical == "/") {
      p.folder_ = "/";
    } else {
      p.folder_ = parent_of(*canonical);
      p.name_ = canonical->substr(canonical->rfind('/') + 1);
    }
  } else {
    // The entry itself: its folder resolved, its own name kept.
    auto parts = warden::plugin::path_components(absolute);
    while (!parts.empty() && parts.back() == ".") parts.pop_back();
    if (parts.empty()) {
      p.folder_ = "/";
    } else {
      std::string folder;
      for (std::size_t i = 0; i + 1 < parts.size(); ++i) folder += "/" + std::string(parts[i]);
      auto canonical = canonical_path(folder.empty() ? "/" : folder);
      if (!canonical) forbidden(absolute);
      p.folder_ = *canonical;
      p.name_ = std::string(parts.back());
    }
  }
  // The host resolves the path again, following the entry if it is a link: a link is only
  // usable when its target is in scope too.
  if (!in_scope(p.full())) forbidden(absolute);
  return p;
}

std::string ScopedPath::full() const { return name_.empty() ? folder_ : join(folder_, name_); }

Fd ScopedPath::open_folder() const { return open_folder_no_symlinks(folder_); }

Fd ScopedPath::open(int flags, mode_t mode) const {
  Fd folder = open_folder();
  // O_NONBLOCK so that a FIFO cannot hold a worker thread in open(); only files and folders
  // are used, and they get blocking I/O back.
  Fd fd(::openat(folder.get(), name_.empty() ? "." : name_.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, mode));
  if (!fd) {
    if (errno == ELOOP) refuse_scope("forbidden path: '" + full() + "' changed into a symlink after its check");
    throw_errno("cannot open", full(), errno);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("cannot examine", full(), errno);
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    throw std::runtime_error("cannot open '" + full() + "': not a regular file or folder (a device, FIFO or socket)");
  if (!(flags & O_NONBLOCK)) ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  return fd;
}

}  // namespace warden::fs_plugin
