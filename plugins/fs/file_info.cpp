#include "file_info.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <stdexcept>

#include <boost/json.hpp>

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

json::value millis(const statx_timestamp& t, bool known) {
  if (!known) return nullptr;
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec / 1000000);
}

json::value to_json(const struct statx& s) {
  json::object o;
  o["isFile"] = S_ISREG(s.stx_mode);
  o["isDirectory"] = S_ISDIR(s.stx_mode);
  o["isSymlink"] = S_ISLNK(s.stx_mode);
  o["size"] = s.stx_size;
  o["mtime"] = millis(s.stx_mtime, s.stx_mask & STATX_MTIME);
  o["atime"] = millis(s.stx_atime, s.stx_mask & STATX_ATIME);
  o["birthtime"] = millis(s.stx_btime, s.stx_mask & STATX_BTIME);
  o["readonly"] = (s.stx_mode & 0222) == 0;  // what Rust's Permissions::readonly means on Unix
  o["fileAttributes"] = nullptr;
  o["dev"] = (static_cast<std::uint64_t>(s.stx_dev_major) << 32) | s.stx_dev_minor;
  o["ino"] = s.stx_ino;
  o["mode"] = s.stx_mode;
  o["nlink"] = s.stx_nlink;
  o["uid"] = s.stx_uid;
  o["gid"] = s.stx_gid;
  o["rdev"] = (static_cast<std::uint64_t>(s.stx_rdev_major) << 32) | s.stx_rdev_minor;
  o["blksize"] = s.stx_blksize;
  o["blocks"] = s.stx_blocks;
  return o;
}

constexpr unsigned kWanted = STATX_BASIC_STATS | STATX_BTIME;

}  // namespace

json::value file_info(const ScopedPath& path, bool follow) {
  Fd folder = path.open_folder();
  struct statx s {};
  // `follow` only matters for the last component: the folder has no symlinks, and a target
  // path's name is not a symlink unless it was swapped in after the check, which the
  // no-follow walk of open_folder() and the check of the type below catch.
  int flags = AT_SYMLINK_NOFOLLOW | (path.name().empty() ? AT_EMPTY_PATH : 0);
  if (::statx(folder.get(), path.name().empty() ? "" : path.name().c_str(), flags, kWanted, &s) != 0)
    throw_errno("cannot read the metadata of", path.full(), errno);
  if (follow && S_ISLNK(s.stx_mode)) refuse_scope("forbidden path: '" + path.full() + "' changed into a symlink after its check");
  return to_json(s);
}

json::value file_info(int fd, const std::string& what) {
  struct statx s {};
  if (::statx(fd, "", AT_EMPTY_PATH, kWanted, &s) != 0) throw_errno("cannot read the metadata of", what, errno);
  return to_json(s);
}

}  // namespace warden::fs_plugin
