#include "store_quota.hpp"

#include <fcntl.h>
#include <unistd.h>

#include "store_file.hpp"

namespace warden::store_plugin {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

std::uint64_t integer_field(const json::value& v, const std::string& key, std::uint64_t at_least) {
  std::uint64_t n = 0;
  if (v.is_int64() && v.get_int64() >= 0) n = static_cast<std::uint64_t>(v.get_int64());
  else if (v.is_uint64()) n = v.get_uint64();
  else n = 0;
  if (n < at_least)
    throw std::invalid_argument("plugins.store." + key + " must be an integer of at least " + std::to_string(at_least));
  return n;
}

bool starts_like_a_store(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) return false;
  char c = 0;
  bool store = false;
  // The first byte that is not blank: what read_store_file would parse as an object.
  for (int i = 0; i < 64 && ::read(fd, &c, 1) == 1; ++i) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    store = c == '{';
    break;
  }
  ::close(fd);
  return store;
}

}  // namespace

StoreLimits parse_store_limits(const json::value& config) {
  StoreLimits limits;
  if (config.is_null()) return limits;
  if (!config.is_object()) throw std::invalid_argument("plugins.store must be an object");
  for (const auto& [key, value] : config.get_object()) {
    if (key == "maxStoreBytes") limits.max_bytes = integer_field(value, "maxStoreBytes", 1024);
    else if (key == "maxStoreFiles") limits.max_files = static_cast<std::size_t>(integer_field(value, "maxStoreFiles", 1));
    else
      throw std::invalid_argument("plugins.store: unknown field '" + std::string(key) +
                                  "' (expected maxStoreBytes, maxStoreFiles)");
  }
  return limits;
}

std::uint64_t pretty_member_bytes(std::string_view key, const json::value& value) {
  // "  " key ": " value, as to_pretty_json writes a member of the top-level object.
  json::object one;
  one[key] = value;
  return to_pretty_json(one).size() - 4;  // without "{\n" and "\n}"
}

std::uint64_t pretty_object_bytes(std::size_t members, std::uint64_t member_bytes) {
  if (members == 0) return 2;                         // {}
  return 4 + member_bytes + 2 * (members - 1);        // {\n ... \n} and ",\n" between members
}

std::uint64_t pretty_bytes(const json::object& object) {
  std::uint64_t sum = 0;
  for (const auto& member : object) sum += pretty_member_bytes(member.key(), member.value());
  return pretty_object_bytes(object.size(), sum);
}

std::size_t count_store_files(const fs::path& root, std::size_t stop_at,
                              const std::function<bool(const fs::path&)>& counts) {
  std::size_t n = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end && n < stop_at; it.increment(ec)) {
    std::error_code tec;
    if (!it->is_regular_file(tec) || it->is_symlink(tec)) continue;
    const std::string name = it->path().filename().string();
    if (name.starts_with('.') && name.find(".tmp-") != std::string::npos) continue;  // a save under way
    if (!starts_like_a_store(it->path())) continue;
    if (counts && !counts(it->path())) continue;
    ++n;
  }
  return n;
}

}  // namespace warden::store_plugin
