#pragma once
// A path that passed the scope check, and the only way the plugin reaches it afterwards.
//
// The host's check_path (warden.path-scope/1) canonicalizes the path (every symlink resolved, as
// the kernel would walk it) and judges that canonical path; the file is then opened through
// exactly that path with the kernel told to follow no symlink at all (warden/scoped_file.hpp:
// openat2 RESOLVE_NO_SYMLINKS, O_NOFOLLOW). A folder swapped for a symlink between the check and
// the use ("symlink swap") makes the use fail instead of escaping.
#include <sys/types.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <warden/scoped_file.hpp>

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

// Whether an absolute path is in the call's scope (the host's path_in_scope, which resolves it).
using ScopeCheck = std::function<bool(const std::string& path)>;

// The host's check_path for this call: the canonical path it judged allowed, or nullopt with
// the host's reason (for the audit log) in `reason`.
using PathCheck = std::function<std::optional<std::string>(const std::string& absolute, std::string& reason)>;

// Where an absolute path leads, judged by no one (the host's canonical_path); nullopt when it
// cannot be resolved.
using Canonicalizer = std::function<std::optional<std::string>(const std::string& absolute)>;

using Fd = warden::FileDescriptor;

// What a command acts on: the path's target (stat, read, write) or the entry itself, a
// symlink not followed (lstat, remove, rename). Either way the link's target must be in scope.
enum class Reach { target, entry };

class ScopedPath {
 public:
  // Throws ScopeRefusal "forbidden path: <path> (<the host's reason>)" when the path is not in
  // scope or cannot be resolved, naming the page's path.
  static ScopedPath check(const std::string& absolute, Reach reach, const PathCheck& check,
                          const Canonicalizer& canonical);

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
// What open_folder_no_symlinks falls back to where openat2 is missing (the SDK's walk).
using warden::scoped_file::walk_without_symlinks;

// Throws std::system_error for errno with "<what> '<path>'" as its message.
[[noreturn]] void throw_errno(const std::string& what, const std::string& path, int error);

}  // namespace warden::fs_plugin
