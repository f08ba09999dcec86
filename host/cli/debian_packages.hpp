#pragma once
// What Debian's package tools know locally, read as files: the installed packages
// (<root>/var/lib/dpkg/status) and the versions apt could install (<root>/var/lib/apt/lists/
// *_Packages, compressed ones through apt's own `apt-helper cat-file`). Nothing is fetched.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace warden::cli {

struct InstalledPackage {
  std::string name;
  std::string architecture;
  std::string version;
};

struct AvailablePackage {
  std::string version;
  std::string list;  // the list file it comes from, e.g. "..._bookworm-security_main_binary-amd64_Packages"
};

struct PackageIndex {
  std::filesystem::path root;  // "/" normally; a test's fake root otherwise
  std::filesystem::path apt_helper = "/usr/lib/apt/apt-helper";

  // The installed ("install ok installed") package `name`; prefers `architecture` when several
  // architectures are installed. nullopt when it is not installed or there is no status file.
  std::optional<InstalledPackage> installed(const std::string& name, const std::string& architecture) const;

  // The list files present (Packages files of any compression); empty when apt has no lists.
  std::vector<std::filesystem::path> list_files() const;

  // Every version of `name` for `architecture` (or "all") in the lists, with the list it is in.
  // Lists that cannot be read are added to `unreadable` with the reason.
  std::vector<AvailablePackage> available(const std::string& name, const std::string& architecture,
                                          std::vector<std::string>& unreadable) const;

  std::filesystem::path status_file() const { return root / "var/lib/dpkg/status"; }
  std::filesystem::path lists_folder() const { return root / "var/lib/apt/lists"; }

 private:
  // Each list is read (and decompressed) once per index: its stanzas, or why it cannot be read.
  struct ReadList;
  mutable std::map<std::filesystem::path, std::shared_ptr<const ReadList>> lists_;
};

// The fields of one stanza of a deb822 control file that the index reads.
struct ControlStanza {
  std::string package, architecture, version, status;
};

// Splits a control file (dpkg status, apt Packages) into stanzas, keeping only the fields above.
std::vector<ControlStanza> parse_control_stanzas(const std::string& text);

}  // namespace warden::cli
