// warden.windows/1 (sdk/include/warden/ext/windows.h): the app's windows as native objects.
// SKELETON: no window is found until the desktop side is wired in.
#include "plugin/host_extensions.hpp"
#include "warden/ext/windows.h"

namespace warden::plugin {
namespace {

void* gtk_window(const warden_host*, const char*) { return nullptr; }

constexpr warden_host_windows vtable{sizeof(warden_host_windows), gtk_window};

}  // namespace

const void* windows_extension() { return &vtable; }

}  // namespace warden::plugin
