#pragma once
// Where a watched file or folder really is. inotify watches an inode and follows it wherever it is
// moved (out of the scope, under a deny), while the page hears of events by path. So a watch is
// placed on exactly the inode its path led to, and an event may be named by that path only while
// the path, walked without following any symlink, still leads to the same inode.
#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace warden::fs_plugin {

struct InodeId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool folder = false;
  bool operator==(const InodeId& o) const { return dev == o.dev && ino == o.ino; }
};

// The inode at `path` (absolute, canonical), no symlink followed on the way or at the end; none
// when nothing, or a symlink, is there.
std::optional<InodeId> inode_at(const std::string& path);

struct InodeWatch {
  int wd;  // inotify's watch descriptor: the same for every watch of one inode on one inotify fd
  InodeId inode;
};

// Watches exactly the inode at `path`: opened O_PATH without following any symlink, then given
// to inotify through /proc/self/fd, so a path swapped in between cannot redirect the watch.
// Throws std::runtime_error "cannot watch '<path>': <why>".
InodeWatch watch_inode(int inotify_fd, const std::string& path, std::uint32_t mask);

}  // namespace warden::fs_plugin
