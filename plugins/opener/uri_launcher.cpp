#include "uri_launcher.hpp"

#include <gio/gdesktopappinfo.h>
#include <gio/gio.h>

#include <memory>

namespace warden::opener_plugin {
namespace {

struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
using ErrorPtr = std::unique_ptr<GError, GErrorFree>;
using AppPtr = std::unique_ptr<GAppInfo, decltype(&g_object_unref)>;

AppPtr by_desktop_id(const std::string& id) {
  GDesktopAppInfo* info = g_desktop_app_info_new(id.c_str());
  return AppPtr(info ? G_APP_INFO(info) : nullptr, g_object_unref);
}

// The installed application whose executable is `name` (an absolute path, or a bare name
// compared with the executable's file name).
AppPtr by_executable(const std::string& name) {
  GList* all = g_app_info_get_all();
  GAppInfo* found = nullptr;
  bool absolute = !name.empty() && name.front() == '/';
  for (GList* l = all; l && !found; l = l->next) {
    auto* app = static_cast<GAppInfo*>(l->data);
    const char* exe = g_app_info_get_executable(app);
    if (!exe) continue;
    std::string executable(exe);
    std::string base = executable.substr(executable.rfind('/') + 1);
    if (absolute ? executable == name : (executable == name || base == name)) found = G_APP_INFO(g_object_ref(app));
  }
  g_list_free_full(all, g_object_unref);
  return AppPtr(found, g_object_unref);
}

AppPtr find_application(const std::string& name) {
  if (name.empty() || name.find('\0') != std::string::npos) return AppPtr(nullptr, g_object_unref);
  if (name.ends_with(".desktop")) return by_desktop_id(name);
  if (AppPtr app = by_desktop_id(name + ".desktop")) return app;
  return by_executable(name);
}

std::string scheme_of(const std::string& uri) {
  char* scheme = g_uri_parse_scheme(uri.c_str());
  std::string s = scheme ? scheme : "";
  g_free(scheme);
  return s;
}

}  // namespace

void launch_uri(const std::string& uri, const std::optional<std::string>& with) {
  GError* raw = nullptr;
  if (!with) {
    if (!g_app_info_launch_default_for_uri(uri.c_str(), nullptr, &raw)) {
      ErrorPtr error(raw);
      throw LaunchFailed("no application could open this " + scheme_of(uri) + " URI: " +
                         (error ? error->message : "unknown error"));
    }
    return;
  }
  AppPtr app = find_application(*with);
  if (!app) throw LaunchFailed("no installed application is named '" + *with + "'");
  GList uris{};
  uris.data = const_cast<char*>(uri.c_str());
  if (!g_app_info_launch_uris(app.get(), &uris, nullptr, &raw)) {
    ErrorPtr error(raw);
    throw LaunchFailed("'" + *with + "' could not be started: " + (error ? error->message : "unknown error"));
  }
}

std::string file_uri(const std::string& path) {
  GError* raw = nullptr;
  char* uri = g_filename_to_uri(path.c_str(), nullptr, &raw);
  ErrorPtr error(raw);
  if (!uri) throw LaunchFailed("the path cannot be written as a file URI");
  std::string s(uri);
  g_free(uri);
  return s;
}

}  // namespace warden::opener_plugin
