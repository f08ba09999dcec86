// The handler entry as the desktop reads it: GLib's GDesktopAppInfo (what gio open and xdg-open
// under GNOME use) starts the app with exactly the command written, `--`, and the link as one
// argument, whatever a hostile link or the app's path holds. The command is /bin/sh writing its
// arguments to a file, so the test sees the argv the desktop really built
// (tests/support/glib_desktop_entry.hpp).
#include <gio/gio.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "glib_desktop_entry.hpp"
#include "handler_entry.hpp"
#include "temp_dir.hpp"

namespace dl = warden::deep_link_plugin;
namespace wt = warden::test;

namespace {

struct HandlerEntryUnderGlib : ::testing::Test {
  wt::TempDir folder{"warden-deep-link-glib"};
};

}  // namespace

TEST_F(HandlerEntryUnderGlib, TheLinkArrivesAsOneArgumentAfterTheWholeCommand) {
  auto out = folder / "my app's \"args\" $HOME `id` 100%u";
  std::vector<std::string> tail{"run", "/home/u/My Apps/a;b|c&d", "--plugins", "/p/$(id)/`id`/%f/%%/\\x\\",
                                "", "tab\there", "line\nbreak", "'single'"};
  std::vector<std::string> command{"/bin/sh", "-c", wt::kDumpArguments, out.string()};
  command.insert(command.end(), tail.begin(), tail.end());
  std::string text = dl::handler_entry_text({"Name \"x\"\nExec=/bin/false", command, "dev.my.app", {"myapp"}});

  for (std::string link : {"myapp://cb?code=a b&x=$(touch /tmp/pwned)`id`;%20%u %f \"'\\",
                           "myapp:--plugins=/evil", "myapp://x\ny"}) {
    std::vector<std::string> expected = tail;
    expected.emplace_back("--");
    expected.push_back(link);
    EXPECT_EQ(wt::arguments_glib_passes(text, {link}, out), expected) << text;
  }
}

TEST_F(HandlerEntryUnderGlib, TheNameCannotAddALine) {
  std::string text = dl::handler_entry_text({"A\nExec=/bin/false\nX-Warden-App=other", {"/bin/true"}, "dev.my.app",
                                             {"myapp"}});
  GKeyFile* keys = g_key_file_new();
  ASSERT_TRUE(g_key_file_load_from_data(keys, text.data(), text.size(), G_KEY_FILE_NONE, nullptr));
  char* name = g_key_file_get_string(keys, "Desktop Entry", "Name", nullptr);
  char* exec = g_key_file_get_string(keys, "Desktop Entry", "Exec", nullptr);
  char* owner = g_key_file_get_string(keys, "Desktop Entry", "X-Warden-App", nullptr);
  EXPECT_STREQ(name, "A\nExec=/bin/false\nX-Warden-App=other");
  EXPECT_STREQ(exec, "/bin/true -- %u");
  EXPECT_STREQ(owner, "dev.my.app");
  g_free(name);
  g_free(exec);
  g_free(owner);
  g_key_file_unref(keys);
}

TEST_F(HandlerEntryUnderGlib, TheProductNameIsOneValueAsWritten) {
  for (const std::string& name : wt::kHostileProductNames)
    wt::expect_name_read_back(dl::handler_entry_text({name, {"/bin/true"}, "dev.my.app", {"myapp"}}), name,
                          "/bin/true -- %u");
}
