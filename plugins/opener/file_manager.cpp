#include "file_manager.hpp"

#include <gio/gio.h>

#include <memory>
#include <optional>

#include "uri_launcher.hpp"

namespace warden::opener_plugin {
namespace {

constexpr const char* kName = "org.freedesktop.FileManager1";
constexpr const char* kPath = "/org/freedesktop/FileManager1";
constexpr int kTimeoutMs = 5000;

struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
using ErrorPtr = std::unique_ptr<GError, GErrorFree>;

// No one provides the interface (as opposed to a file manager that answered with an error).
bool nobody_answers(const GError* e) {
  return g_error_matches(e, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches(e, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
         g_error_matches(e, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
         g_error_matches(e, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
         g_error_matches(e, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE);
}

// The ShowItems call; nullptr when it succeeded.
ErrorPtr show_items(const std::vector<std::string>& uris) {
  GError* raw = nullptr;
  std::unique_ptr<GDBusConnection, decltype(&g_object_unref)> bus(g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &raw),
                                                                  g_object_unref);
  if (!bus) return ErrorPtr(raw);
  GVariantBuilder items;
  g_variant_builder_init(&items, G_VARIANT_TYPE("as"));
  for (const auto& uri : uris) g_variant_builder_add(&items, "s", uri.c_str());
  // The second argument is a startup-notification id; there is none to pass.
  GVariant* reply = g_dbus_connection_call_sync(bus.get(), kName, kPath, kName, "ShowItems",
                                                g_variant_new("(ass)", &items, ""), nullptr, G_DBUS_CALL_FLAGS_NONE,
                                                kTimeoutMs, nullptr, &raw);
  if (reply) g_variant_unref(reply);
  return ErrorPtr(raw);
}

}  // namespace

Revealed reveal_items(const std::vector<std::string>& uris, const std::string& first_folder_uri,
                      std::string& why_folder) {
  if (uris.empty()) return Revealed::by_file_manager;
  ErrorPtr error = show_items(uris);
  if (!error) return Revealed::by_file_manager;
  // A file manager that answered with an error of its own has refused; anything else (no bus, no
  // owner for the name, a timeout) means there is no file manager to ask: show the folder instead.
  if (g_dbus_error_is_remote_error(error.get()) && !nobody_answers(error.get()))
    throw LaunchFailed(std::string("the file manager refused to show the items: ") + error->message);
  why_folder = error->message;
  launch_uri(first_folder_uri, std::nullopt);
  return Revealed::by_folder;
}

}  // namespace warden::opener_plugin
