#include "release_json.hpp"

#include <stdexcept>

#include "warden/ascii.hpp"

namespace warden::updater {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& what) {
  throw std::runtime_error("the update server's JSON " + what);
}

const json::string* string_field(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_string() : nullptr;
}

std::string required_string(const json::object& o, std::string_view key, const std::string& where) {
  const json::string* s = string_field(o, key);
  if (!s || s->empty()) bad("has no " + std::string(key) + where);
  return std::string(*s);
}

std::optional<std::string> optional_string(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad("has a " + std::string(key) + " that is not a string");
  return std::string(v->get_string());
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

}  // namespace

std::string_view updater_arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__i386__)
  return "i686";
#elif defined(__arm__)
  return "armv7";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
#error "unknown architecture: name it as Tauri's updater does"
#endif
}

std::vector<std::string> platform_keys(const std::optional<std::string>& target, std::string_view arch) {
  if (target) return {*target};
  std::string tauri_key = "linux-" + std::string(arch);
  return {tauri_key + "-warden", tauri_key};
}

Release parse_release(std::string_view body, const std::vector<std::string>& keys) {
  std::error_code ec;
  json::value root = json::parse(body, ec);
  if (ec) bad("is not valid JSON: " + ec.message());
  if (!root.is_object()) bad("is not an object");
  json::object& o = root.get_object();
  Release r;
  r.version_text = required_string(o, "version", "");
  auto version = parse_semver(r.version_text);
  if (!version) bad("has a version that is not SemVer (MAJOR.MINOR.PATCH): '" + r.version_text + "'");
  r.version = *version;
  r.notes = optional_string(o, "notes");
  r.pub_date = optional_string(o, "pub_date");
  if (const json::value* platforms = o.if_contains("platforms")) {
    if (!platforms->is_object()) bad("has a platforms field that is not an object");
    const json::object* entry = nullptr;
    std::string tried;
    for (const std::string& key : keys) {
      const json::value* v = platforms->get_object().if_contains(key);
      if (v && v->is_object()) {
        entry = &v->get_object();
        tried = key;
        break;
      }
      tried += (tried.empty() ? "" : " or ") + key;
    }
    if (!entry) bad("has no platforms entry for " + tried);
    r.url = required_string(*entry, "url", " in platforms." + tried);
    r.signature = required_string(*entry, "signature", " in platforms." + tried);
  } else {
    r.url = required_string(o, "url", " (nor platforms)");
    r.signature = required_string(o, "signature", "");
  }
  r.raw = std::move(o);
  return r;
}

std::string percent_encode(std::string_view value) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (warden::is_ascii_alnum(static_cast<char>(c)) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string substitute_endpoint(std::string url, std::string_view current_version, std::string_view target,
                                std::string_view arch) {
  replace_all(url, "{{current_version}}", percent_encode(current_version));
  replace_all(url, "{{target}}", percent_encode(target));
  replace_all(url, "{{arch}}", percent_encode(arch));
  return url;
}

}  // namespace warden::updater
