#pragma once
// `warden doctor [APP_DIR] [--plugins DIR]...`: what a user should know before trusting this
// machine to run an app. The WebView libraries actually linked (WebKitGTK, GTK, libsoup) and
// whether Debian offers a newer WebKitGTK package than the installed one (read from the local
// dpkg status and apt lists only: "cannot tell" when they are missing, never a guess); the
// plugin folders and their libraries, read without running plugin code; and what `warden run`
// would refuse: invalid libraries, pin mismatches, an ACL naming unknown plugins or permissions.
// Exit 0 when all is fine, 1 when something would be refused or WebKitGTK is outdated.
#include "cli/command.hpp"

namespace warden::cli {

void register_doctor_command(CLI::App& root, Action& action);

}  // namespace warden::cli
