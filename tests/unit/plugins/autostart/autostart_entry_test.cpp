// The autostart entry's text: its keys, the app's name and command written by the SDK's
// warden/desktop_entry.hpp (whose reading back, character by character, tests/unit/sdk tests),
// and the X-Warden-App line that marks it as this plugin's.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <warden/desktop_entry.hpp>

#include "autostart_entry.hpp"

namespace ap = warden::autostart_plugin;
namespace de = warden::desktop_entry;

TEST(AutostartEntry, TheCommandIsTheSdksExecValue) {
  std::vector<std::string> command{"/usr/bin/warden", "run", "/home/u/My \"Apps\"/100% $x `y`\n", "--plugins", "/p"};
  std::string text = ap::entry_text({"A", command, "org.example.app"});
  EXPECT_NE(text.find("\nExec=" + de::exec_value(command) + "\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nExec=/usr/bin/warden run \"/home/u/My \\\\\"Apps\\\\\"/100%% \\\\$x \\\\`y\\\\`\\n\" --plugins /p\n"),
            std::string::npos)
      << text;
}

TEST(AutostartEntry, TheFileNamesTheAppAndMarksItsOwner) {
  std::string text = ap::entry_text({"My \"App\"\\", {"/usr/bin/warden", "run", "/opt/app"}, "org.example.app"});
  EXPECT_EQ(text.rfind("[Desktop Entry]\n", 0), 0u);
  EXPECT_NE(text.find("\nType=Application\n"), std::string::npos);
  EXPECT_NE(text.find("\nName=My \"App\"\\\\\n"), std::string::npos);
  EXPECT_NE(text.find("\nExec=/usr/bin/warden run /opt/app\n"), std::string::npos);
  EXPECT_TRUE(ap::is_entry_of(text, "org.example.app"));
  EXPECT_FALSE(ap::is_entry_of(text, "org.example"));
  EXPECT_FALSE(ap::is_entry_of(text, "org.example.app.other"));
  EXPECT_FALSE(ap::is_entry_of("[Desktop Entry]\nName=x\n# X-Warden-App=org.example.app\n", "org.example.app"));
}

TEST(AutostartEntry, AProductNameNoDesktopFileCanHoldIsRefusedNamingIt) {
  for (std::string name : std::vector<std::string>{"App\vExec=evil", "App\fExec=evil", "App\xe2\x80\xa8" "Exec=evil", std::string("App\0x", 5)}) {
    try {
      ap::entry_text({name, {"/bin/true"}, "org.example.app"});
      ADD_FAILURE() << "written: " << name;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("productName"), std::string::npos) << e.what();
    }
  }
}
