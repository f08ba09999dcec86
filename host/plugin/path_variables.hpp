#pragma once
// Path variables of scope entries and plugin paths ("$HOME/x", "$APPDATA/**"), with Tauri v2's
// names, resolved on Linux with the XDG base directories and user directories.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::plugin {

struct PathEnvironment {
  std::string app_identifier = "warden";           // $APPDATA = $DATA/<app_identifier>, ...
  std::optional<std::filesystem::path> resource_dir;  // $RESOURCE; unknown when absent
  // Environment lookup; the process environment when empty (tests inject their own).
  std::function<std::optional<std::string>(const std::string&)> getenv;
  // Folders and files that belong to the host or to one plugin, absolute or with a leading
  // variable: out of every plugin's reach and the asset protocol's, whatever a scope says
  // (path_in_scope refuses them and everything below them). $APPLOG is the log plugin's folder,
  // which lies inside $APPDATA: a page allowed to write stores or files there must not replace
  // the log that records what it does.
  std::vector<std::string> private_paths{"$APPLOG"};
};

// The directory a variable name (without '$') stands for, nullopt when the name is unknown
// or the environment does not define it (e.g. $RUNTIME without XDG_RUNTIME_DIR).
// Names: HOME CONFIG DATA LOCALDATA CACHE RUNTIME TEMP DESKTOP DOCUMENT DOWNLOAD AUDIO PICTURE
// PUBLIC TEMPLATE VIDEO FONT EXE RESOURCE APPCONFIG APPDATA APPLOCALDATA APPCACHE APPLOG LOG.
std::optional<std::filesystem::path> path_variable(std::string_view name, const PathEnvironment& env);

// A path split into the directory its leading variable stands for and the rest, as written.
struct ExpandedPath {
  std::filesystem::path base;  // absolute; the whole path when it has no variable
  std::string rest;            // after "$VAR/", may be empty
};

// Splits "$VAR/rest" (or "$VAR"); an absolute path without a variable is returned as base with
// an empty rest. nullopt for an unknown variable or a relative path.
std::optional<ExpandedPath> expand_path_variable(std::string_view path, const PathEnvironment& env);

// The expanded path as one absolute path, lexically normalised.
std::optional<std::filesystem::path> resolve_path(std::string_view path, const PathEnvironment& env);

}  // namespace warden::plugin
