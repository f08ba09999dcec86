#include "arguments.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

const json::value* find(const json::value& args, std::string_view name) {
  const auto* v = object_arg(args).if_contains(name);
  return v && !v->is_null() ? v : nullptr;
}

[[noreturn]] void bad(std::string_view name, std::string_view expected) {
  throw std::invalid_argument("argument '" + std::string(name) + "' must be " + std::string(expected));
}

std::optional<std::int64_t> integer(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.get_uint64());
  if (v.is_double()) {
    double d = v.get_double();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

}  // namespace

const json::object& object_arg(const json::value& args) {
  if (!args.is_object()) throw std::invalid_argument("arguments must be a JSON object");
  return args.get_object();
}

std::string string_arg(const json::value& args, std::string_view name) {
  const auto* v = find(args, name);
  if (!v) bad(name, "given (a string)");
  if (!v->is_string()) bad(name, "a string");
  return std::string(v->get_string());
}

std::uint64_t unsigned_arg(const json::value& args, std::string_view name) {
  const auto* v = find(args, name);
  auto n = v ? integer(*v) : std::nullopt;
  if (!n || *n < 0) bad(name, "a non-negative integer");
  return static_cast<std::uint64_t>(*n);
}

std::int64_t signed_arg(const json::value& args, std::string_view name) {
  const auto* v = find(args, name);
  auto n = v ? integer(*v) : std::nullopt;
  if (!n) bad(name, "an integer");
  return *n;
}

std::uint32_t rid_arg(const json::value& args) {
  std::uint64_t rid = unsigned_arg(args, "rid");
  if (rid == 0 || rid > UINT32_MAX) bad("rid", "a resource id returned by open, create or read_text_file_lines");
  return static_cast<std::uint32_t>(rid);
}

const json::object& options_arg(const json::value& args) {
  static const json::object empty;
  const auto* v = find(args, "options");
  if (!v) return empty;
  if (!v->is_object()) bad("options", "an object");
  return v->get_object();
}

std::optional<bool> bool_option(const json::object& options, std::string_view name) {
  const auto* v = options.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_bool()) bad(std::string("options.") + std::string(name), "true or false");
  return v->get_bool();
}

std::optional<std::uint64_t> unsigned_option(const json::object& options, std::string_view name) {
  const auto* v = options.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  auto n = integer(*v);
  if (!n || *n < 0) bad(std::string("options.") + std::string(name), "a non-negative integer");
  return static_cast<std::uint64_t>(*n);
}

std::vector<std::uint8_t> bytes_arg(const json::value& args, std::string_view name) {
  const auto* v = find(args, name);
  if (!v) bad(name, "given (bytes)");
  std::vector<std::uint8_t> out;
  auto byte = [&](const json::value& b) {
    auto n = integer(b);
    if (!n || *n < 0 || *n > 255) bad(name, "bytes (integers 0 to 255)");
    return static_cast<std::uint8_t>(*n);
  };
  if (v->is_array()) {
    out.reserve(v->get_array().size());
    for (const auto& b : v->get_array()) out.push_back(byte(b));
    return out;
  }
  if (v->is_object()) {  // a typed array through JSON.stringify: keys "0".."n-1"
    const auto& o = v->get_object();
    out.resize(o.size());
    std::vector<bool> seen(o.size(), false);
    for (const auto& kv : o) {
      std::size_t index = 0;
      auto key = kv.key();
      if (key.empty() || key.size() > 12) bad(name, "an array of bytes");
      for (char c : key) {
        if (c < '0' || c > '9') bad(name, "an array of bytes");
        index = index * 10 + static_cast<std::size_t>(c - '0');
      }
      if (index >= out.size() || seen[index]) bad(name, "an array of bytes");
      seen[index] = true;
      out[index] = byte(kv.value());
    }
    return out;
  }
  bad(name, "an array of bytes");
}

void require_grant(const Access& access, std::string_view command, const std::string& path, std::string_view why) {
  auto check = access.grant_of ? access.grant_of(command) : std::nullopt;
  if (!check) refuse_scope(std::string(why) + " needs the '" + std::string(command) + "' permission, which this caller lacks");
  if (!(*check)(path))
    refuse_scope(std::string(why) + " needs '" + std::string(command) + "' on the path, and its scope does not cover " + path);
}

mode_t checked_mode(std::uint64_t mode, std::string_view option) {
  if (mode > 07777) bad(std::string("options.") + std::string(option), "permission bits (at most 0o777)");
  if (mode & 07000)
    bad(std::string("options.") + std::string(option), "permission bits without setuid, setgid or sticky (at most 0o777)");
  return static_cast<mode_t>(mode);
}

ScopedPath scoped_arg(const json::value& args, std::string_view name, std::string_view base_option, Reach reach,
                      const Access& access) {
  std::string raw = string_arg(args, name);
  std::optional<int> base;
  const auto& options = options_arg(args);
  if (const auto* b = options.if_contains(base_option); b && !b->is_null()) {
    auto n = integer(*b);
    if (!n || *n < 1 || *n > 1000) bad(std::string("options.") + std::string(base_option), "a BaseDirectory number");
    base = static_cast<int>(*n);
  }
  std::string absolute = absolute_page_path(raw, base, access.resolve, name);
  return ScopedPath::check(absolute, reach, access.check, access.canonical);
}

}  // namespace warden::fs_plugin
