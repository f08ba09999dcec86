#pragma once
// The string functions of @tauri-apps/api/path (core:path's join, normalize, resolve, dirname,
// extname, basename, is_absolute) with Tauri's POSIX results, so a page gets the same answers as
// under Tauri. Pure string work: nothing here touches the file system (resolve reads the
// working directory only).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::runtime::path_syntax {

// Joins the segments with "/", then removes "." and ".." lexically; a later absolute segment
// does not reset the path (join("a", "/b") is "a/b"). "" when nothing is left is ".".
std::string join(const std::vector<std::string>& segments);
// Removes "." and ".." lexically (never above the root or the start); keeps a trailing "/".
std::string normalize(std::string_view path);
// `base` then each segment, an absolute segment replacing what came before, normalized.
std::string resolve(const std::string& base, const std::vector<std::string>& segments);
// The parent; nullopt for "/" and "".
std::optional<std::string> dirname(std::string_view path);
// The extension of the last component without its dot; nullopt when it has none (".bashrc").
std::optional<std::string> extname(std::string_view path);
// The last component, without `ext` when it ends with it; nullopt for "/", "" and "..".
std::optional<std::string> basename(std::string_view path, std::optional<std::string_view> ext);
bool is_absolute(std::string_view path);

}  // namespace warden::runtime::path_syntax
