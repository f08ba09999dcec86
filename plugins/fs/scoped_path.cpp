#include "scoped_path.hpp"

#include <fcntl.h>
#include <sys/stat.h>
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

[[noreturn]] void forbidden(const std::string& path, const std::string& reason) {
  refuse_scope("forbidden path: " + path + (reason.empty() ? "" : " (" + reason + ")"));
}

}  // namespace

void refuse_scope(const std::string& detail) { throw ScopeRefusal(detail); }

void throw_errno(const std::string& what, const std::string& path, int error) {
  throw std::system_error(error, std::generic_category(), what + " '" + path + "'");
}

Fd open_folder_no_symlinks(const std::string& folder) {
  int fd = warden::scoped_file::open_folder_raw(folder);
  if (fd < 0) {
    // ELOOP here means a symlink appeared on a path that had none when it was checked.
    if (errno == ELOOP) refuse_scope("forbidden path: '" + folder + "' changed into a symlink after its check");
    throw_errno("cannot open folder", folder, errno);
  }
  return Fd(fd);
}

ScopedPath ScopedPath::check(const std::string& absolute, Reach reach, const PathCheck& check,
                             const Canonicalizer& canonical) {
  ScopedPath p;
  std::string reason;
  if (reach == Reach::target) {
    // The host judges the path it resolved and hands that path back: it is what is opened.
    auto judged = check(absolute, reason);
    if (!judged) forbidden(absolute, reason);
    auto [folder, name] = warden::scoped_file::split(*judged);
    p.folder_ = folder;
    p.name_ = name;
    return p;
  }
  // The entry itself: its folder resolved, its own name kept.
  auto parts = warden::scoped_file::components(absolute);
  while (!parts.empty() && parts.back() == ".") parts.pop_back();
  if (parts.empty()) {
    p.folder_ = "/";
  } else {
    std::string folder;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) folder += "/" + std::string(parts[i]);
    auto resolved = canonical(folder.empty() ? "/" : folder);
    if (!resolved) forbidden(absolute, "its folder cannot be resolved");
    p.folder_ = *resolved;
    p.name_ = std::string(parts.back());
  }
  // The host resolves the path again, following the entry if it is a link: a link is only
  // usable when its target is in scope too.
  if (!check(p.full(), reason)) forbidden(absolute, reason);
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
