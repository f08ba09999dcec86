#pragma once
// The WebView libraries this process runs with (WebKitGTK, GTK, libsoup): their versions as
// the loaded libraries report them, and how their Debian packages compare with the newest
// version the local apt lists offer.
#include <optional>
#include <string>
#include <vector>

#include "cli/debian_packages.hpp"

namespace warden::cli {

enum class UpdateStatus {
  current,   // the installed package is the newest the lists offer (or newer)
  outdated,  // a list offers a newer version
  unknown,   // cannot tell: see `detail`
};

struct WebViewLibrary {
  std::string name;     // "WebKitGTK", "GTK", "libsoup"
  std::string runtime;  // "2.50.6": the linked library's own version functions
  std::optional<InstalledPackage> package;
  std::optional<AvailablePackage> newest;  // the newest version in the lists, when any
  bool newest_is_security = false;         // `newest` comes from a -security suite's list
  UpdateStatus status = UpdateStatus::unknown;
  std::string detail;  // one sentence for people
};

// The three libraries, in that order. `index` says where the dpkg status and apt lists are.
std::vector<WebViewLibrary> webview_libraries(const PackageIndex& index);

const char* to_string(UpdateStatus status);

}  // namespace warden::cli
