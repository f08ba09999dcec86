#pragma once
// A .desktop text as the desktop reads and starts it: GLib's GKeyFile and GDesktopAppInfo (what
// gnome-session starts autostart entries with, and what gio open and xdg-open under GNOME start a
// URL handler with). For the tests of the entries the autostart and deep-link plugins write; the
// target links GIO (gio-unix-2.0) and GTest as well as warden_test_support.
//
// To see the argv GLib really builds, an entry's command is /bin/sh running kDumpArguments with
// the output file as $0: it writes each argument it receives, with a NUL after it.
#include <gio/gdesktopappinfo.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace warden::test {

// sh -c: $0 is the output file, "$@" the arguments after it, each written with a NUL after it.
inline const std::string kDumpArguments = "printf '%s\\0' \"$@\" > \"$0\"";

inline std::vector<std::string> nul_terminated(const std::string& bytes) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (std::size_t end; (end = bytes.find('\0', start)) != std::string::npos; start = end + 1)
    items.push_back(bytes.substr(start, end - start));
  return items;
}

namespace glib_detail {

inline void remember_pid(GDesktopAppInfo*, GPid pid, gpointer out) { *static_cast<GPid*>(out) = pid; }

}  // namespace glib_detail

// Loads `text` as GLib does, starts it with `uris` (none for an autostart entry, one link for a
// handler) and returns what the started program wrote to `out` (see kDumpArguments). Any step
// GLib refuses is a test failure saying which.
inline std::vector<std::string> arguments_glib_passes(const std::string& text, const std::vector<std::string>& uris,
                                                      const std::filesystem::path& out) {
  GError* error = nullptr;
  GKeyFile* keys = g_key_file_new();
  if (!g_key_file_load_from_data(keys, text.data(), text.size(), G_KEY_FILE_NONE, &error)) {
    ADD_FAILURE() << "GLib refuses the entry: " << error->message << "\n" << text;
    g_error_free(error);
    g_key_file_unref(keys);
    return {};
  }
  GDesktopAppInfo* info = g_desktop_app_info_new_from_keyfile(keys);
  g_key_file_unref(keys);
  if (!info) {
    ADD_FAILURE() << "GLib finds no application in the entry:\n" << text;
    return {};
  }
  GList* uri_list = nullptr;
  for (const std::string& uri : uris) uri_list = g_list_append(uri_list, const_cast<char*>(uri.c_str()));
  GPid pid = 0;
  gboolean launched = g_desktop_app_info_launch_uris_as_manager(info, uri_list, nullptr, G_SPAWN_DO_NOT_REAP_CHILD,
                                                                nullptr, nullptr, glib_detail::remember_pid, &pid,
                                                                &error);
  g_list_free(uri_list);
  g_object_unref(info);
  if (!launched) {
    ADD_FAILURE() << "GLib cannot start the entry's command: " << error->message;
    g_error_free(error);
    return {};
  }
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the command failed, status " << status;
  std::ifstream in(out, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return nul_terminated(bytes.str());
}

// GLib's reading of `text`: one [Desktop Entry] group, one Exec line (`exec`, as GDesktopAppInfo
// gives it back) and the Name given back exactly as `name`.
inline void expect_name_read_back(const std::string& text, const std::string& name, const std::string& exec) {
  std::size_t exec_lines = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) exec_lines += line.starts_with("Exec=");
  EXPECT_EQ(exec_lines, 1u) << text;
  GKeyFile* keys = g_key_file_new();
  if (!g_key_file_load_from_data(keys, text.data(), text.size(), G_KEY_FILE_NONE, nullptr)) {
    ADD_FAILURE() << "GLib refuses the entry:\n" << text;
    g_key_file_unref(keys);
    return;
  }
  gsize groups = 0;
  g_strfreev(g_key_file_get_groups(keys, &groups));
  EXPECT_EQ(groups, 1u) << text;
  char* read_name = g_key_file_get_locale_string(keys, "Desktop Entry", "Name", nullptr, nullptr);
  EXPECT_STREQ(read_name, name.c_str()) << text;
  g_free(read_name);
  GDesktopAppInfo* info = g_desktop_app_info_new_from_keyfile(keys);
  g_key_file_unref(keys);
  if (!info) {
    ADD_FAILURE() << "GLib finds no application in the entry:\n" << text;
    return;
  }
  EXPECT_STREQ(g_app_info_get_name(G_APP_INFO(info)), name.c_str());
  EXPECT_STREQ(g_app_info_get_commandline(G_APP_INFO(info)), exec.c_str());
  g_object_unref(info);
}

// productNames a hostile or careless app config could hold that a .desktop file can still carry:
// each must come back as one Name, with no line of its own.
inline const std::vector<std::string> kHostileProductNames{
    "App\nExec=evil", "App\r\nExec=/bin/sh -c evil\n[Desktop Action x]\nExec=evil", " lead and trail ",
    "tab\there \\n not a newline \\", "\\sApp", "caf\xc3\xa9 \xe2\x9c\x93"};

}  // namespace warden::test
