#pragma once
// The fs commands that name a path (not an open file): each one checks its path arguments
// against the call's scope, then acts through ScopedPath only.
#include <cstdint>
#include <span>
#include <vector>

#include <boost/json/value.hpp>

#include "arguments.hpp"

namespace warden::fs_plugin {

using Bytes = std::vector<std::uint8_t>;

Bytes read_file(const boost::json::value& args, const Access& access);
boost::json::value read_dir(const boost::json::value& args, const Access& access);
boost::json::value stat_path(const boost::json::value& args, const Access& access, bool follow);
bool exists(const boost::json::value& args, const Access& access);
std::uint64_t size(const boost::json::value& args, const Access& access);
void mkdir(const boost::json::value& args, const Access& access);
void remove(const boost::json::value& args, const Access& access);
void rename(const boost::json::value& args, const Access& access);
void copy_file(const boost::json::value& args, const Access& access);
void truncate(const boost::json::value& args, const Access& access);
// `args` holds path and options (see fs.cpp for where they come from); `data` the bytes.
void write_file(const boost::json::value& args, std::span<const std::uint8_t> data, const Access& access);

// Reads all of an open file from its current offset. Throws std::system_error naming `what`.
Bytes read_all(int fd, const std::string& what);

}  // namespace warden::fs_plugin
