// `warden run`'s side of warden.app-lifecycle/1 without a display: the launch command autostart
// writes, the argument list a restart executes again, and the rapid-restart count that stops a
// page restarting the app on every load.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "cli/app_lifecycle.hpp"

using namespace warden::cli;
using namespace std::chrono_literals;
using Strings = std::vector<std::string>;

TEST(LaunchCommand, EveryPathAbsoluteAndNoTestOptions) {
  auto command = launch_command_of("/opt/warden/bin/warden", "/home/ana", "apps/notes/", {"plugins", "/usr/lib/p"});
  EXPECT_EQ(command, (Strings{"/opt/warden/bin/warden", "run", "/home/ana/apps/notes/", "--plugins",
                              "/home/ana/plugins", "--plugins", "/usr/lib/p"}));
}

TEST(LaunchCommand, DotsAreResolvedLexically) {
  auto command = launch_command_of("/w", "/home/ana/x", "../notes/./app", {});
  EXPECT_EQ(command, (Strings{"/w", "run", "/home/ana/notes/app"}));
}

TEST(CommandLine, SplitsProcCmdline) {
  std::string raw("warden\0run\0my app\0--plugins\0\0", 29);
  EXPECT_EQ(split_command_line(raw), (Strings{"warden", "run", "my app", "--plugins", ""}));
  EXPECT_EQ(split_command_line(std::string("no-terminator")), (Strings{"no-terminator"}));
  EXPECT_TRUE(split_command_line("").empty());
}

TEST(RapidRestarts, CountedUpToTheLimitThenRefused) {
  EXPECT_EQ(rapid_restarts_after(0, 2s), 1);
  EXPECT_EQ(rapid_restarts_after(1, 2s), 2);
  EXPECT_EQ(rapid_restarts_after(max_rapid_restarts - 1, 2s), max_rapid_restarts);
  EXPECT_EQ(rapid_restarts_after(max_rapid_restarts, 2s), std::nullopt);
}

TEST(RapidRestarts, ARunThatLivedLongEnoughStartsTheCountAgain) {
  EXPECT_EQ(rapid_restarts_after(max_rapid_restarts, rapid_restart_window), 0);
  EXPECT_EQ(rapid_restarts_after(max_rapid_restarts, 1h), 0);
}

TEST(AppIdentity, AnEmptyProductNameReadsAsTheIdentifier) {
  auto named = app_identity_of("org.example.notes", "Notes", "1.0.0");
  EXPECT_EQ(named.identifier, "org.example.notes");
  EXPECT_EQ(named.product_name, "Notes");
  EXPECT_EQ(named.version, "1.0.0");
  EXPECT_EQ(app_identity_of("org.example.notes", "", "0.0.0").product_name, "org.example.notes");
}
