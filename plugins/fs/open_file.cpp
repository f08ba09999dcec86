#include "open_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include <boost/json.hpp>

#include "atomic_write.hpp"
#include "file_info.hpp"

namespace warden::fs_plugin {
namespace json = boost::json;

std::shared_ptr<OpenFile> OpenFile::open(const json::value& args, const Access& access) {
  const auto& o = options_arg(args);
  bool read = bool_option(o, "read").value_or(true);
  bool write = bool_option(o, "write").value_or(false);
  bool append = bool_option(o, "append").value_or(false);
  bool truncate = bool_option(o, "truncate").value_or(false);
  bool create = bool_option(o, "create").value_or(false);
  bool create_new = bool_option(o, "createNew").value_or(false);
  auto mode = unsigned_option(o, "mode");
  bool writes = write || append;
  if (!read && !writes) throw std::invalid_argument("options: at least one of read, write, append must be true");
  if ((truncate || create || create_new) && !writes)
    throw std::invalid_argument("options: truncate, create and createNew need write or append");
  if (truncate && append) throw std::invalid_argument("options: truncate and append exclude each other");

  mode_t new_mode = mode ? checked_mode(*mode, "mode") : 0666;

  int flags = read && writes ? O_RDWR : writes ? O_WRONLY : O_RDONLY;
  if (append) flags |= O_APPEND;
  if (truncate) flags |= O_TRUNC;
  if (create_new) flags |= O_CREAT | O_EXCL;
  else if (create) flags |= O_CREAT;
  // open's own scope first (the command the page called), then the grant of each effect.
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  const std::string full = path.full();
  if (writes) require_grant(access, "write_file", full, append ? "open with append" : "open with write");
  if (truncate) require_grant(access, "truncate", full, "open with truncate");
  if (create || create_new) require_grant(access, "create", full, create_new ? "open with createNew" : "open with create");
  Rights rights;
  rights.read = read;
  rights.write = writes;
  // ftruncate through this handle is the truncate command's effect on this path.
  if (writes && access.grant_of) {
    auto check = access.grant_of("truncate");
    rights.truncate = check && (*check)(full);
  }
  Fd fd = path.open(flags, new_mode);
  return std::make_shared<OpenFile>(std::move(fd), full, rights);
}

std::shared_ptr<OpenFile> OpenFile::create(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  Fd fd = path.open(O_RDWR | O_CREAT | O_TRUNC, 0666);
  // The create command itself empties the file: reading back, writing and cutting it take
  // nothing the grant did not already give.
  return std::make_shared<OpenFile>(std::move(fd), path.full(), Rights{true, true, true});
}

std::vector<std::uint8_t> OpenFile::read(std::uint64_t len) {
  if (!rights_.read) throw std::invalid_argument("this file was opened without read: open it with { read: true }");
  std::lock_guard lock(mutex_);
  len = std::min<std::uint64_t>(len, 64u << 20);  // one call never allocates more than 64 MiB
  std::vector<std::uint8_t> out(len + 8);
  ssize_t n;
  do n = ::read(fd_.get(), out.data(), len);
  while (n < 0 && errno == EINTR);
  if (n < 0) throw_errno("cannot read", path_, errno);
  out.resize(static_cast<std::size_t>(n));
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(n) >> shift));
  return out;
}

std::uint64_t OpenFile::write(std::span<const std::uint8_t> data) {
  if (!rights_.write) refuse_scope("write to '" + path_ + "', which was opened without write or append");
  std::lock_guard lock(mutex_);
  write_all(fd_.get(), data, path_);
  return data.size();
}

std::uint64_t OpenFile::seek(std::int64_t offset, int whence) {
  static constexpr int kWhence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence < 0 || whence > 2) throw std::invalid_argument("argument 'whence' must be 0 (start), 1 (current) or 2 (end)");
  std::lock_guard lock(mutex_);
  off_t at = ::lseek(fd_.get(), static_cast<off_t>(offset), kWhence[whence]);
  if (at < 0) throw_errno("cannot seek in", path_, errno);
  return static_cast<std::uint64_t>(at);
}

json::value OpenFile::stat() {
  std::lock_guard lock(mutex_);
  return file_info(fd_.get(), path_);
}

void OpenFile::truncate(std::uint64_t len) {
  if (!rights_.write) refuse_scope("ftruncate of '" + path_ + "', which was opened without write or append");
  if (!rights_.truncate) refuse_scope("ftruncate of '" + path_ + "' needs the 'truncate' permission on it when it was opened");
  std::lock_guard lock(mutex_);
  if (::ftruncate(fd_.get(), static_cast<off_t>(len)) != 0) throw_errno("cannot truncate", path_, errno);
}

std::shared_ptr<LineReader> LineReader::open(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  Fd fd = path.open(O_RDONLY);
  return std::make_shared<LineReader>(std::move(fd), path.full());
}

bool LineReader::fill() {
  if (eof_) return false;
  if (start_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(start_));
    start_ = 0;
  }
  std::uint8_t chunk[65536];
  ssize_t n;
  do n = ::read(fd_.get(), chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  if (n < 0) throw_errno("cannot read", path_, errno);
  if (n == 0) eof_ = true;
  buffer_.insert(buffer_.end(), chunk, chunk + n);
  return n > 0;
}

std::vector<std::uint8_t> LineReader::next() {
  std::lock_guard lock(mutex_);
  for (;;) {
    auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(start_);
    auto newline = std::find(begin, buffer_.end(), std::uint8_t('\n'));
    if (newline != buffer_.end() || (eof_ && begin != buffer_.end())) {
      std::vector<std::uint8_t> line(begin, newline);
      start_ = static_cast<std::size_t>(newline - buffer_.begin()) + (newline != buffer_.end() ? 1 : 0);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      line.push_back(0);
      return line;
    }
    if (eof_) return {1};
    fill();
  }
}

}  // namespace warden::fs_plugin
