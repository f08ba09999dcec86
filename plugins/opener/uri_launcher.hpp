#pragma once
// Hands a URI to a desktop application through GIO, never through a shell: the default handler
// of its scheme or content type (g_app_info_launch_default_for_uri, what the desktop's
// mimeapps.list says), or the installed application the page named with `with`, found as a
// GAppInfo. The application receives the URI as one argument of its Exec line.
#include <optional>
#include <stdexcept>
#include <string>

namespace warden::opener_plugin {

// The launch failed (no handler, no such application, the program could not start). Its message
// is for the page: it names the URI's scheme or the application, never anything the page did not send.
class LaunchFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// [any-thread] Opens `uri` with the default application for it, or with the installed
// application `with` names: a desktop id ("org.gnome.gedit" or "org.gnome.gedit.desktop") or the
// executable of an installed application ("firefox", "/usr/bin/firefox"). Throws LaunchFailed.
void launch_uri(const std::string& uri, const std::optional<std::string>& with);

// [any-thread] The file:// URI of an absolute path (percent-encoded as GLib writes it).
std::string file_uri(const std::string& path);

}  // namespace warden::opener_plugin
