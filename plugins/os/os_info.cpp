#include "os_info.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

namespace warden::os_plugin {

std::string_view platform() {
#if defined(__linux__)
  return "linux";
#elif defined(__FreeBSD__)
  return "freebsd";
#else
#error "the os plugin knows Linux and FreeBSD only"
#endif
}

std::string_view os_type() { return "linux"; }  // what Tauri reports on Linux and the BSDs
std::string_view family() { return "unix"; }

std::string_view arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__i386__)
  return "x86";
#elif defined(__aarch64__)
  return "aarch64";
#elif defined(__arm__)
  return "arm";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#elif defined(__powerpc64__)
  return "powerpc64";
#elif defined(__powerpc__)
  return "powerpc";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__mips64)
  return "mips64";
#elif defined(__mips__)
  return "mips";
#elif defined(__sparc__) && defined(__arch64__)
  return "sparc64";
#elif defined(__loongarch64)
  return "loongarch64";
#else
  return "unknown";
#endif
}

std::string_view eol() { return "\n"; }
std::string_view exe_extension() { return ""; }

std::optional<std::string> os_release_version(std::string_view text) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    constexpr std::string_view key = "VERSION_ID=";
    if (!line.starts_with(key)) continue;
    std::string_view v = line.substr(key.size());
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) v = v.substr(1, v.size() - 2);
    if (v.empty()) return std::nullopt;
    return std::string(v);
  }
  return std::nullopt;
}

std::string version() {
  for (const char* file : {"/etc/os-release", "/usr/lib/os-release"}) {
    std::ifstream in(file);
    if (!in) continue;
    std::ostringstream s;
    s << in.rdbuf();
    if (auto v = os_release_version(s.str())) return *v;
  }
  struct utsname u {};
  if (::uname(&u) == 0 && u.release[0]) return u.release;
  return "unknown";
}

std::optional<std::string> bcp47_from_posix(std::string_view name) {
  std::size_t cut = name.find_first_of(".@");
  if (cut != std::string_view::npos) name = name.substr(0, cut);
  if (name.empty() || name == "C" || name == "POSIX") return std::nullopt;
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return std::nullopt;
    out += c == '_' ? '-' : c;
  }
  return out;
}

std::optional<std::string> locale(const std::function<const char*(const char*)>& getenv) {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = getenv ? getenv(var) : std::getenv(var);
    if (v && *v) return bcp47_from_posix(v);
  }
  return std::nullopt;
}

std::string hostname() {
  char buf[256] = {0};
  if (::gethostname(buf, sizeof buf - 1) != 0) return {};
  // Lossy UTF-8, as Rust's to_string_lossy: JSON needs valid UTF-8.
  std::string raw(buf), out;
  for (std::size_t i = 0; i < raw.size();) {
    auto c = static_cast<unsigned char>(raw[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool ok = n > 0 && i + n <= raw.size();
    for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(raw[i + k]) >> 6) == 0x2;
    if (ok) {
      out.append(raw, i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string init_script(std::string_view os_version) {
  boost::json::object values{{"eol", eol()},         {"os_type", os_type()}, {"platform", platform()},
                             {"family", family()},   {"version", os_version}, {"arch", arch()},
                             {"exe_extension", exe_extension()}};
  // JSON text is a valid JavaScript expression (ES2019), every value escaped as a string.
  return "Object.defineProperty(window, '__TAURI_OS_PLUGIN_INTERNALS__', {value: Object.freeze(" +
         boost::json::serialize(values) + "), writable: false, configurable: false});\n";
}

}  // namespace warden::os_plugin
