#pragma once
// A store's name as the page gives it: a file name relative to the app data folder. Only the
// name is checked here; where the file really is (symlinks resolved) and whether a plugin may
// reach it is the host's answer (warden.path-scope/1, StoreCollection::resolve).
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

// `name` joined to `root` (the app data folder, absolute) and lexically normalised, so that two
// names of one file ("a.json", "sub/../a.json") give one path. Throws StorePathRefused naming
// `name` and the reason: empty, a NUL byte, absolute, a folder ("x/", "."), or leaving `root`
// by "..".
std::filesystem::path store_file_path(const std::filesystem::path& root, std::string_view name);

}  // namespace warden::store_plugin
