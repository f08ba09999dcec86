#pragma once
// An image argument as @tauri-apps/api sends it (image.js transformImage: a resource id of an
// `Image`, bytes of an encoded image, or a path), decoded for GTK: what window|set_icon and
// (issue 17) menus and the tray take.
#include <string>

#include <boost/json/value.hpp>

#include "desktop/desktop_context.hpp"
#include "runtime/caller.hpp"

typedef struct _GdkPixbuf GdkPixbuf;

namespace warden::desktop {

// [main-thread] A new reference the caller unrefs, or nullptr with `error` saying what was wrong
// (an unknown id, undecodable bytes, a path outside what the app may read).
GdkPixbuf* image_from_arg(const boost::json::value& arg, const runtime::Caller& caller, DesktopContext& context,
                          std::string& error);

}  // namespace warden::desktop
