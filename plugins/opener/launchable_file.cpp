#include "launchable_file.hpp"

#include <gio/gio.h>
#include <sys/stat.h>

#include <array>
#include <memory>

#include "warden/ascii.hpp"

namespace warden::opener_plugin {
namespace {

// Content types whose default handlers run the file (GIO's names; subtypes count through
// g_content_type_is_a, so application/x-pie-executable is an application/x-executable).
constexpr std::array kLaunchingTypes = {
    "application/x-desktop",        "application/x-executable",   "application/x-sharedlib",
    "application/x-shellscript",    "application/x-msdownload",   "application/x-ms-dos-executable",
    "application/x-java-archive",   "application/x-java-jnlp-file", "application/x-ms-shortcut",
    "application/vnd.microsoft.portable-executable", "application/x-appimage", "application/vnd.appimage",
    "application/x-iso9660-appimage", "application/vnd.flatpak.ref", "application/vnd.flatpak",
};

bool ends_with_desktop(const std::string& path) { return warden::ascii_iends_with(path, ".desktop"); }

std::optional<std::string> content_type_of(const std::string& path) {
  std::unique_ptr<GFile, decltype(&g_object_unref)> file(g_file_new_for_path(path.c_str()), g_object_unref);
  std::unique_ptr<GFileInfo, decltype(&g_object_unref)> info(
      g_file_query_info(file.get(), G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                        nullptr, nullptr),
      g_object_unref);
  if (!info) return std::nullopt;
  const char* type = g_file_info_get_content_type(info.get());
  if (!type) return std::nullopt;
  return std::string(type);
}

}  // namespace

std::optional<std::string> launches_code(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return std::nullopt;
  if (S_ISLNK(st.st_mode)) return "it is a symbolic link (the canonical path should not be one)";
  if (S_ISDIR(st.st_mode)) return std::nullopt;
  if (S_ISREG(st.st_mode) && (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
    return "it is an executable file (an execute permission bit is set)";
  if (ends_with_desktop(path)) return "it is a .desktop launcher";
  if (auto type = content_type_of(path)) {
    for (const char* launching : kLaunchingTypes)
      if (g_content_type_is_a(type->c_str(), launching))
        return "its content type is " + *type + ", which runs when opened";
  }
  return std::nullopt;
}

}  // namespace warden::opener_plugin
