#pragma once
// Metadata in the shape @tauri-apps/plugin-fs's FileInfo expects (times in milliseconds since
// the epoch, null when unknown; fileAttributes is Windows-only, so null).
#include <boost/json/value.hpp>

#include "scoped_path.hpp"

namespace warden::fs_plugin {

// stat (follow = true) or lstat of the path's entry in its folder. Throws std::system_error.
boost::json::value file_info(const ScopedPath& path, bool follow);
// fstat of an open file. Throws std::system_error.
boost::json::value file_info(int fd, const std::string& what);

}  // namespace warden::fs_plugin
