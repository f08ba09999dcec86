#include "watched_inode.hpp"

#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "scoped_path.hpp"

namespace warden::fs_plugin {
namespace {

std::string parent_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string name_of(const std::string& path) { return path.substr(path.rfind('/') + 1); }

// The entry itself, O_PATH, no symlink on the way or at the end. Throws.
Fd open_entry(const std::string& path) {
  if (path == "/") return open_folder_no_symlinks("/");
  Fd parent = open_folder_no_symlinks(parent_of(path));
  Fd entry(::openat(parent.get(), name_of(path).c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (!entry) throw_errno("cannot open", path, errno);
  return entry;
}

[[noreturn]] void cannot_watch(const std::string& path, const std::string& why) {
  throw std::runtime_error("cannot watch '" + path + "': " + why);
}

}  // namespace

std::optional<InodeId> inode_at(const std::string& path) {
  struct stat st {};
  try {
    if (path == "/") {
      if (::fstat(open_folder_no_symlinks("/").get(), &st) != 0) return std::nullopt;
    } else {
      Fd parent = open_folder_no_symlinks(parent_of(path));
      if (::fstatat(parent.get(), name_of(path).c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return std::nullopt;
    }
  } catch (const std::exception&) {  // a folder on the way is gone or became a symlink
    return std::nullopt;
  }
  if (S_ISLNK(st.st_mode)) return std::nullopt;
  return InodeId{st.st_dev, st.st_ino, S_ISDIR(st.st_mode)};
}

InodeWatch watch_inode(int inotify_fd, const std::string& path, std::uint32_t mask) {
  Fd entry;
  try {
    entry = open_entry(path);
  } catch (const std::system_error& e) {
    cannot_watch(path, std::strerror(e.code().value()));
  } catch (const std::exception& e) {
    cannot_watch(path, e.what());
  }
  struct stat st {};
  if (::fstat(entry.get(), &st) != 0) cannot_watch(path, std::strerror(errno));
  if (S_ISLNK(st.st_mode)) cannot_watch(path, "it is a symbolic link");
  InodeId inode{st.st_dev, st.st_ino, S_ISDIR(st.st_mode)};

  std::string by_fd = "/proc/self/fd/" + std::to_string(entry.get());
  int wd = ::inotify_add_watch(inotify_fd, by_fd.c_str(), mask);
  if (wd < 0 && errno == ENOENT && ::access("/proc/self/fd", F_OK) != 0) {
    // No /proc (a bare chroot): watch by name, then make sure the name still led to the inode
    // opened above. A path swapped away and back in between is not caught here; every event is
    // still judged by inode_at, so only events of the swapped-in inode could be misnamed. A
    // watch refused here stays registered (it may be another watch's too) and is never read.
    wd = ::inotify_add_watch(inotify_fd, path.c_str(), mask | IN_DONT_FOLLOW);
    if (wd >= 0 && !(inode_at(path) == std::optional<InodeId>(inode))) cannot_watch(path, "it was replaced while being watched");
  }
  if (wd < 0) cannot_watch(path, std::strerror(errno));
  return {wd, inode};
}

}  // namespace warden::fs_plugin
