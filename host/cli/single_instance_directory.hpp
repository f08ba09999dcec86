#pragma once
// Where a user's single-instance sockets live (docs/single-instance.md): a folder only that user
// can enter, $XDG_RUNTIME_DIR/warden/instances, or /tmp/warden-<uid>/instances when the session
// gives no XDG_RUNTIME_DIR (a CI job as root). Whoever can enter it can hand a running app
// arguments, so a folder that is a symlink, belongs to someone else or lets others in stops the
// run: never a silent fall back to a shared place.
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace warden::cli {

// Why `dir` is not a private folder of `uid` (lstat: a real directory, not a symlink, owned by
// `uid`, no permission bit for group or others); nullopt when it is.
std::optional<std::string> private_directory_problem(const std::filesystem::path& dir, uid_t uid);

// Makes `dir` (mode 0700) unless it exists, then checks it as above. Throws std::runtime_error
// naming the folder and what is wrong.
void make_private_directory(const std::filesystem::path& dir, uid_t uid);

// The instances folder for `uid`, made and checked, every folder from the base down:
// $XDG_RUNTIME_DIR (`runtime_dir`, when set and non-empty; its owner must be `uid` and others
// may not write to it) then warden/ and instances/ in it; else /tmp/warden-<uid>, then instances/.
// Throws std::runtime_error naming the folder and what is wrong.
std::filesystem::path instances_directory(const char* runtime_dir, uid_t uid);

// Why `identifier` (app.identifier, from the config) cannot name a file in that folder:
// letters, digits, '.', '-' and '_' only, not starting with '.', at most 200 bytes.
std::optional<std::string> instance_name_problem(std::string_view identifier);

}  // namespace warden::cli
