#include "store_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

#include <warden/scoped_file.hpp>

#include "store_quota.hpp"

namespace warden::store_plugin {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

[[noreturn]] void fail(const std::string& what, const fs::path& file, int err) {
  throw std::runtime_error(what + " " + quoted(file) + ": " + std::strerror(err));
}

// 1-based line and column of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

const char* kind_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::array: return "an array";
    case json::kind::string: return "a string";
    case json::kind::bool_: return "a boolean";
    case json::kind::null: return "null";
    default: return "a number";
  }
}

void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

void pretty(const json::value& v, std::string& out, int depth) {
  if (v.is_object() && !v.get_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& member : v.get_object()) {
      if (!first) out += ",\n";
      first = false;
      indent(out, depth + 1);
      out += json::serialize(json::string_view(member.key()));
      out += ": ";
      pretty(member.value(), out, depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "}";
  } else if (v.is_array() && !v.get_array().empty()) {
    out += "[\n";
    bool first = true;
    for (const auto& element : v.get_array()) {
      if (!first) out += ",\n";
      first = false;
      indent(out, depth + 1);
      pretty(element, out, depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "]";
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

std::optional<json::object> read_store_file(const fs::path& file, std::uint64_t max_bytes) {
  // Opened without following any symlink: `file` is the canonical path the host resolved, and a
  // link planted on it since then fails the open (ELOOP) instead of leading elsewhere.
  warden::FileDescriptor in;
  try {
    in = warden::open_scoped(file.string(), O_RDONLY | O_NONBLOCK);
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::no_such_file_or_directory) return std::nullopt;
    fail("cannot open the store file", file, e.code().value());
  }
  if (::fcntl(in.get(), F_SETFL, ::fcntl(in.get(), F_GETFL) & ~O_NONBLOCK) != 0) fail("cannot read the store file", file, errno);
  // Named by its file name only: a page in a release build learns nothing of the app's folders.
  struct stat st {};
  if (::fstat(in.get(), &st) == 0 && !S_ISREG(st.st_mode)) fail("cannot read the store file", file, EINVAL);
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > max_bytes)
    throw StoreQuotaExceeded("the store file " + quoted(file.filename()) + " is " + std::to_string(st.st_size) +
                             " bytes, more than plugins.store.maxStoreBytes (" + std::to_string(max_bytes) +
                             "); it was left as it is");
  std::string text;
  char chunk[65536];
  for (;;) {
    ssize_t n = ::read(in.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read the store file", file, errno);
    if (n == 0) break;
    text.append(chunk, static_cast<std::size_t>(n));
    if (text.size() > max_bytes)  // a file that grows while it is read
      throw StoreQuotaExceeded("the store file " + quoted(file.filename()) + " is more than plugins.store.maxStoreBytes (" +
                               std::to_string(max_bytes) + "); it was left as it is");
  }

  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) ec = json::error::extra_data;
  if (!ec) parser.finish(ec);
  if (ec) {
    auto [line, column] = line_and_column(text, consumed);
    throw std::runtime_error("the store file " + quoted(file) + " is not valid JSON: " + ec.message() + " at line " +
                             std::to_string(line) + ", column " + std::to_string(column) + " (byte " +
                             std::to_string(consumed) + "); it was left as it is");
  }
  json::value value = parser.release();
  if (!value.is_object())
    throw std::runtime_error("the store file " + quoted(file) + " holds " + kind_name(value) +
                             ", expected a JSON object; it was left as it is");
  return std::move(value.get_object());
}

void write_file_atomically(const fs::path& file, std::string_view text) {
  // The canonical path the host resolved, written without following any symlink: the folders
  // made one at a time, the file replaced through its folder's descriptor (scoped_file.hpp).
  try {
    warden::make_scoped_folders(file.parent_path().string(), 0777);
    warden::replace_scoped_file(file.string(),
                                {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, 0600);
  } catch (const std::system_error& e) {
    throw std::runtime_error(e.code() == std::errc::too_many_symbolic_link_levels
                                 ? "refusing to save the store " + quoted(file) + ": a part of its path became a symbolic link since it was opened"
                                 : std::string(e.what()));
  }
}

std::string to_pretty_json(const json::value& value) {
  std::string out;
  pretty(value, out, 0);
  return out;
}

}  // namespace warden::store_plugin
