// The autostart entry as a session reads it: GLib's GDesktopAppInfo (what gnome-session and other
// GLib-based sessions start autostart entries with) runs exactly the command written, whatever the
// app's path holds, and reads the productName back as one Name. The command is /bin/sh writing
// its arguments to a file, so the test sees the argv the session really built
// (tests/support/glib_desktop_entry.hpp).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "autostart_entry.hpp"
#include "glib_desktop_entry.hpp"
#include "temp_dir.hpp"

namespace ap = warden::autostart_plugin;
namespace wt = warden::test;

namespace {

struct AutostartEntryUnderGlib : ::testing::Test {
  wt::TempDir folder{"warden-autostart-glib"};
};

}  // namespace

TEST_F(AutostartEntryUnderGlib, TheSessionStartsExactlyTheCommandWritten) {
  auto out = folder / "my app's \"args\" $HOME `id` 100%u";
  std::vector<std::string> tail{"run", "/home/u/My Apps/a;b|c&d>e<f~g*h?i#j(k)", "--plugins",
                                "/p/$(id)/${PATH}/`id`/%f/%%/%U/\\x\\", "", "tab\there", "line\nbreak\r", "'single'"};
  std::vector<std::string> command{"/bin/sh", "-c", wt::kDumpArguments, out.string()};
  command.insert(command.end(), tail.begin(), tail.end());
  std::string text = ap::entry_text({"My \"App\"\nExec=/bin/false", command, "org.example.app"});
  EXPECT_EQ(wt::arguments_glib_passes(text, {}, out), tail) << text;
}

TEST_F(AutostartEntryUnderGlib, TheProductNameIsOneValueAsWritten) {
  for (const std::string& name : wt::kHostileProductNames)
    wt::expect_name_read_back(ap::entry_text({name, {"/bin/true"}, "org.example.app"}), name, "/bin/true");
}
