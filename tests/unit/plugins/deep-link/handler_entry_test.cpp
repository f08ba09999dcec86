// The handler entry's text: the launch command quoted by the spec, then `--` and %u; the schemes
// read back from its MimeType line; only an entry carrying our X-Warden-App line is ours.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "handler_entry.hpp"

namespace dl = warden::deep_link_plugin;

TEST(HandlerEntry, Text) {
  std::string text = dl::handler_entry_text(
      {"My App", {"/opt/warden/bin/warden", "run", "/home/u/my app", "--plugins", "/p"}, "dev.my.app", {"myapp", "my-other"}});
  EXPECT_EQ(text,
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Version=1.4\n"
            "Name=My App\n"
            "Exec=/opt/warden/bin/warden run \"/home/u/my app\" --plugins /p -- %u\n"
            "Terminal=false\n"
            "NoDisplay=true\n"
            "MimeType=x-scheme-handler/myapp;x-scheme-handler/my-other;\n"
            "X-Warden-App=dev.my.app\n");
  EXPECT_EQ(dl::handler_entry_schemes(text), (std::vector<std::string>{"myapp", "my-other"}));
  EXPECT_TRUE(dl::is_handler_entry_of(text, "dev.my.app"));
  EXPECT_FALSE(dl::is_handler_entry_of(text, "dev.my"));
  EXPECT_EQ(dl::handler_file_name("dev.my.app"), "dev.my.app-handler.desktop");
}

TEST(HandlerEntry, PercentInTheCommandIsNoFieldCode) {
  std::string text = dl::handler_entry_text({"A", {"/bin/w", "run", "/a/100%u"}, "a.b", {"s"}});
  EXPECT_NE(text.find("Exec=/bin/w run /a/100%%u -- %u\n"), std::string::npos) << text;
}

TEST(HandlerEntry, SchemesOfAForeignText) {
  EXPECT_EQ(dl::handler_entry_schemes("[Desktop Entry]\nMimeType=text/plain;x-scheme-handler/a;x-scheme-handler/b\n"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(dl::handler_entry_schemes("[Desktop Entry]\nName=x\n").empty());
}

TEST(HandlerEntry, AProductNameNoDesktopFileCanHoldIsRefusedNamingIt) {
  for (std::string name : std::vector<std::string>{"App\vExec=evil", "App\x1c" "Exec=evil", "App\xc2\x85" "Exec=evil", std::string("App\0x", 5)}) {
    try {
      dl::handler_entry_text({name, {"/bin/true"}, "dev.my.app", {"myapp"}});
      ADD_FAILURE() << "written: " << name;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("productName"), std::string::npos) << e.what();
    }
  }
}
