#pragma once
// Where a store's file lives: a name the page gives, confined to the app's data folder.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warden::store_plugin {

// A store name refused for where it leads (outside the app data folder, through a link, into a
// path the host keeps for itself or another plugin): a scope refusal, whose detail belongs in the
// audit log rather than in the page's error.
struct StorePathRefused : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Throws StorePathRefused: "store path '<name>' <why>", control bytes of `name` shown as \xNN.
[[noreturn]] void refuse_store_path(std::string_view name, const std::string& why);

// The file of store `name` under `root` (the app data folder, absolute): `name` is relative,
// joined and lexically normalised, and must still name a file inside `root` once the symbolic
// links of its existing part are resolved. Returns that resolved path, so that two names of one
// file ("a.json", "sub/../a.json") give one key. Throws StorePathRefused naming `name` and
// the reason: empty, a NUL byte, absolute, a folder ("x/", "."), or leaving `root` (".." or a
// symbolic link pointing out).
std::filesystem::path confine_store_path(const std::filesystem::path& root, std::string_view name);

// Whether `path` (a result of confine_store_path) still resolves to itself: false when a part of
// it became a symbolic link since, which a save must not follow.
bool still_resolves_to_itself(const std::filesystem::path& path);

// A path-scope pattern (the host's path_in_scope) that matches exactly the absolute `path`:
// its glob characters written as one-character classes ("a*b" -> "a[*]b").
std::string literal_path_pattern(const std::filesystem::path& path);

}  // namespace warden::store_plugin
