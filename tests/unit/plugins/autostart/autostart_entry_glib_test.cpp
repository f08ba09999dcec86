// The autostart entry as a session reads it: GLib's GDesktopAppInfo (what gnome-session and other
// GLib-based sessions start autostart entries with) runs exactly the command written, whatever the
// app's path holds. The command is /bin/sh writing its arguments to a file, so the test sees the
// argv the session really built.
#include <gio/gdesktopappinfo.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "autostart_entry.hpp"

namespace ap = warden::autostart_plugin;
namespace fs = std::filesystem;

namespace {

// sh -c: $0 is the output file, "$@" the arguments after it, each written with a NUL after it.
const std::string kDumpArguments = "printf '%s\\0' \"$@\" > \"$0\"";

std::vector<std::string> nul_terminated(const std::string& bytes) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (std::size_t end; (end = bytes.find('\0', start)) != std::string::npos; start = end + 1)
    items.push_back(bytes.substr(start, end - start));
  return items;
}

void remember_pid(GDesktopAppInfo*, GPid pid, gpointer out) { *static_cast<GPid*>(out) = pid; }

// Loads `text` as GLib does, starts it and returns what the started program received.
std::vector<std::string> arguments_glib_passes(const std::string& text, const fs::path& out) {
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
  GPid pid = 0;
  gboolean launched = g_desktop_app_info_launch_uris_as_manager(info, nullptr, nullptr, G_SPAWN_DO_NOT_REAP_CHILD, nullptr,
                                                                nullptr, remember_pid, &pid, &error);
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

// GLib's reading of `text` (GKeyFile, then GDesktopAppInfo as a session or xdg-open builds it):
// one [Desktop Entry] group, one Exec line, and the Name given back as written.
void expect_name_read_back(const std::string& text, const std::string& name, const std::string& exec) {
  std::size_t exec_lines = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) exec_lines += line.starts_with("Exec=");
  EXPECT_EQ(exec_lines, 1u) << text;
  GKeyFile* keys = g_key_file_new();
  ASSERT_TRUE(g_key_file_load_from_data(keys, text.data(), text.size(), G_KEY_FILE_NONE, nullptr)) << text;
  gsize groups = 0;
  g_strfreev(g_key_file_get_groups(keys, &groups));
  EXPECT_EQ(groups, 1u) << text;
  char* read_name = g_key_file_get_locale_string(keys, "Desktop Entry", "Name", nullptr, nullptr);
  EXPECT_STREQ(read_name, name.c_str()) << text;
  g_free(read_name);
  GDesktopAppInfo* info = g_desktop_app_info_new_from_keyfile(keys);
  g_key_file_unref(keys);
  ASSERT_NE(info, nullptr) << text;
  EXPECT_STREQ(g_app_info_get_name(G_APP_INFO(info)), name.c_str());
  EXPECT_STREQ(g_app_info_get_commandline(G_APP_INFO(info)), exec.c_str());
  g_object_unref(info);
}

const std::vector<std::string> kHostileNames{"App\nExec=evil",
                                             "App\r\nExec=/bin/sh -c evil\n[Desktop Action x]\nExec=evil",
                                             " lead and trail ", "tab\there \\n not a newline \\",
                                             "\\sApp", "caf\xc3\xa9 \xe2\x9c\x93"};

struct AutostartEntryUnderGlib : ::testing::Test {
  fs::path folder;
  void SetUp() override {
    char name[] = "/tmp/warden-autostart-glib-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    folder = name;
  }
  void TearDown() override { fs::remove_all(folder); }
};

}  // namespace

TEST_F(AutostartEntryUnderGlib, TheSessionStartsExactlyTheCommandWritten) {
  fs::path out = folder / "my app's \"args\" $HOME `id` 100%u";
  std::vector<std::string> tail{"run", "/home/u/My Apps/a;b|c&d>e<f~g*h?i#j(k)", "--plugins",
                                "/p/$(id)/${PATH}/`id`/%f/%%/%U/\\x\\", "", "tab\there", "line\nbreak\r", "'single'"};
  std::vector<std::string> command{"/bin/sh", "-c", kDumpArguments, out.string()};
  command.insert(command.end(), tail.begin(), tail.end());
  std::string text = ap::entry_text({"My \"App\"\nExec=/bin/false", command, "org.example.app"});
  EXPECT_EQ(arguments_glib_passes(text, out), tail) << text;
}

TEST_F(AutostartEntryUnderGlib, TheProductNameIsOneValueAsWritten) {
  for (const std::string& name : kHostileNames)
    expect_name_read_back(ap::entry_text({name, {"/bin/true"}, "org.example.app"}), name, "/bin/true");
}
