#pragma once
// A path that passed the scope check, and the only way the plugin reaches it afterwards.
//
// The check runs on the canonical path (every symlink resolved, as the kernel would walk it),
// and the file is then opened through that canonical path with the kernel told to follow no
// symlink at all (openat2 RESOLVE_NO_SYMLINKS, O_NOFOLLOW). A folder swapped for a symlink
// between the check and the use ("symlink swap") makes the use fail instead of escaping.
#include <sys/types.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "plugin/canonical_path.hpp"

namespace warden::fs_plugin {

// A refusal by scope: the path (or a deny below it) is not granted to this caller. Its message
// names host paths and scope entries, so it is for the audit log; fs.cpp hands it to the SDK's
// scope refusal, which gives the page only a generic error in release builds.
class ScopeRefusal : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws ScopeRefusal with `detail`.
[[noreturn]] void refuse_scope(const std::string& detail);

// Whether an absolute canonical path is in the call's scope (the host's path_in_scope).
using ScopeCheck = std::function<bool(const std::string& canonical_path)>;

// The host's own canonical_path (host/plugin/canonical_path.cpp, compiled into this plugin): the
// path the scope decides on is exactly the path opened below.
using warden::plugin::canonical_path;

// Owns one file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// What a command acts on: the path's target (stat, read, write) or the entry itself, a
// symlink not followed (lstat, remove, rename). Either way the link's target must be in scope.
enum class Reach { target, entry };

class ScopedPath {
 public:
  // Throws ScopeRefusal "forbidden path: <path>" when the path is not in scope or cannot
  // be resolved, naming the page's path.
  static ScopedPath check(const std::string& absolute, Reach reach, const ScopeCheck& in_scope);

  const std::string& folder() const { return folder_; }  // canonical, no symlinks
  const std::string& name() const { return name_; }      // "" for the root folder
  std::string full() const;

  // The folder, opened O_PATH without following any symlink. Throws std::system_error.
  Fd open_folder() const;
  // openat(folder, name, flags | O_NOFOLLOW | O_CLOEXEC, mode). Throws std::system_error.
  Fd open(int flags, mode_t mode = 0) const;

 private:
  std::string folder_;
  std::string name_;
};

// Opens an absolute canonical folder (O_PATH | O_DIRECTORY), refusing any symlink on the way.
Fd open_folder_no_symlinks(const std::string& folder);
// What open_folder_no_symlinks falls back to where openat2 is missing (kernels before 5.6,
// valgrind, seccomp filters): one component at a time from "/", each opened O_NOFOLLOW and
// required to be a folder. Returns the descriptor, or -1 with errno (ELOOP for a symlink).
long walk_without_symlinks(const std::string& folder);

// Throws std::system_error for errno with "<what> '<path>'" as its message.
[[noreturn]] void throw_errno(const std::string& what, const std::string& path, int error);

}  // namespace warden::fs_plugin
