#pragma once
// Files the page keeps open by resource id: FileHandle of @tauri-apps/plugin-fs (open, create,
// then read / write / seek / fstat / ftruncate), and the line iterator of readTextFileLines.
// The scope was checked when the file was opened; later calls name only the resource id,
// which the host keeps per page and frame origin (another frame or a later page cannot name it),
// so the file records what its opening was granted for and
// refuses anything else: a file opened under a read grant never takes a write, whatever write
// grant the caller holds for other paths. Each object serialises its own calls.
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "arguments.hpp"

namespace warden::fs_plugin {

class OpenFile {
 public:
  // What the opening was granted for.
  struct Rights {
    bool read = false;
    bool write = false;     // write (the path was covered by write_file)
    bool truncate = false;  // ftruncate (the path was covered by truncate, or the file was created)
  };
  OpenFile(Fd fd, std::string path, Rights rights) : fd_(std::move(fd)), path_(std::move(path)), rights_(rights) {}

  // open: options read (default true), write, append, truncate, create, createNew, mode,
  // baseDir, with Rust's OpenOptions rules. Each option that changes the file needs the grant
  // of the command with that effect, with a scope covering the path: write and append need
  // write_file, truncate needs truncate, create and createNew need create (ScopeRefusal
  // otherwise). create: write + create + truncate, under the create command's own grant.
  static std::shared_ptr<OpenFile> open(const boost::json::value& args, const Access& access);
  static std::shared_ptr<OpenFile> create(const boost::json::value& args, const Access& access);

  // Up to `len` bytes, then the count as 8 bytes big-endian (what FileHandle.read decodes).
  std::vector<std::uint8_t> read(std::uint64_t len);
  std::uint64_t write(std::span<const std::uint8_t> data);
  std::uint64_t seek(std::int64_t offset, int whence);
  boost::json::value stat();
  void truncate(std::uint64_t len);

 private:
  std::mutex mutex_;
  Fd fd_;
  std::string path_;
  Rights rights_;
};

class LineReader {
 public:
  LineReader(Fd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
  static std::shared_ptr<LineReader> open(const boost::json::value& args, const Access& access);

  // The next line without its "\n" / "\r\n", followed by a 0 byte; or the single byte 1 at
  // the end (what readTextFileLines decodes).
  std::vector<std::uint8_t> next();

 private:
  bool fill();

  std::mutex mutex_;
  Fd fd_;
  std::string path_;
  std::vector<std::uint8_t> buffer_;
  std::size_t start_ = 0;
  bool eof_ = false;
};

}  // namespace warden::fs_plugin
