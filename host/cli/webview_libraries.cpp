#include "cli/webview_libraries.hpp"

#include <gtk/gtk.h>
#include <libsoup/soup.h>
#include <webkit2/webkit2.h>

#include "cli/debian_version.hpp"

namespace warden::cli {
namespace {

std::string version_text(unsigned major, unsigned minor, unsigned micro) {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(micro);
}

// The architecture this binary was built for, as dpkg names it: the package of the library
// it links is the one of this architecture when several are installed.
const char* native_architecture() {
#if defined(__x86_64__)
  return "amd64";
#elif defined(__aarch64__)
  return "arm64";
#elif defined(__i386__)
  return "i386";
#elif defined(__arm__)
  return "armhf";
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  return "ppc64el";
#elif defined(__s390x__)
  return "s390x";
#elif defined(__riscv) && __riscv_xlen == 64
  return "riscv64";
#else
  return "";
#endif
}

bool is_security_list(const std::string& list) { return list.find("-security_") != std::string::npos; }

// Fills package, newest, status and detail from the first of `packages` that is installed.
void compare_with_lists(WebViewLibrary& lib, const std::vector<std::string>& packages, const PackageIndex& index) {
  for (const auto& name : packages)
    if ((lib.package = index.installed(name, native_architecture()))) break;
  if (!lib.package) {
    lib.detail = std::filesystem::exists(index.status_file())
                     ? "cannot tell: no installed Debian package provides it (" + packages.front() +
                           " is not installed), so it was installed some other way"
                     : "cannot tell: there is no dpkg status file (" + index.status_file().string() +
                           "), so this is not a Debian-based system";
    return;
  }
  auto installed = parse_debian_version(lib.package->version);
  if (!installed) {
    lib.detail = "cannot tell: the installed version '" + lib.package->version + "' is not a Debian version";
    return;
  }
  if (index.list_files().empty()) {
    lib.detail = "cannot tell: there are no package lists in " + index.lists_folder().string() +
                 " (run `apt-get update`, then `warden doctor` again)";
    return;
  }
  std::vector<std::string> unreadable;
  std::optional<DebianVersion> best;
  for (auto& candidate : index.available(lib.package->name, lib.package->architecture, unreadable)) {
    auto v = parse_debian_version(candidate.version);
    if (!v) continue;
    if (!best || compare_debian_versions(*v, *best) > 0) {
      best = v;
      lib.newest = candidate;
    }
  }
  if (!lib.newest) {
    lib.detail = unreadable.empty()
                     ? "cannot tell: no package list offers " + lib.package->name + " (run `apt-get update`?)"
                     : "cannot tell: the package lists cannot be read (" + unreadable.front() + ")";
    return;
  }
  lib.newest_is_security = is_security_list(lib.newest->list);
  if (compare_debian_versions(*installed, *best) < 0) {
    lib.status = UpdateStatus::outdated;
    lib.detail = std::string(lib.newest_is_security ? "a security update is available: " : "a newer version is available: ") +
                 lib.package->name + " " + lib.newest->version + " (from " + lib.newest->list + "); installed " +
                 lib.package->version;
  } else {
    lib.status = UpdateStatus::current;
    lib.detail = "the newest version the package lists offer (" + lib.newest->version + ") is installed";
  }
  if (!unreadable.empty()) lib.detail += "; some lists could not be read: " + unreadable.front();
}

}  // namespace

const char* to_string(UpdateStatus status) {
  switch (status) {
    case UpdateStatus::current: return "current";
    case UpdateStatus::outdated: return "outdated";
    case UpdateStatus::unknown: return "unknown";
  }
  return "unknown";
}

std::vector<WebViewLibrary> webview_libraries(const PackageIndex& index) {
  std::vector<WebViewLibrary> out(3);
  out[0].name = "WebKitGTK";
  out[0].runtime = version_text(webkit_get_major_version(), webkit_get_minor_version(), webkit_get_micro_version());
  compare_with_lists(out[0], {"libwebkit2gtk-4.1-0"}, index);
  out[1].name = "GTK";
  out[1].runtime = version_text(gtk_get_major_version(), gtk_get_minor_version(), gtk_get_micro_version());
  compare_with_lists(out[1], {"libgtk-3-0t64", "libgtk-3-0"}, index);
  out[2].name = "libsoup";
  out[2].runtime = version_text(soup_get_major_version(), soup_get_minor_version(), soup_get_micro_version());
  compare_with_lists(out[2], {"libsoup-3.0-0"}, index);
  return out;
}

}  // namespace warden::cli
