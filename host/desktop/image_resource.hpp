#pragma once
// An image argument as @tauri-apps/api sends it (image.js transformImage: a resource id of an
// `Image`, bytes of an encoded image, or a path), decoded for GTK: what window|set_icon and
// (issue 17) menus and the tray take. Also the pieces core:image and core:app build on: images
// as page-owned resources, decoding with size caps, and which files a page may read as images.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "desktop/desktop_context.hpp"
#include "runtime/caller.hpp"

typedef struct _GdkPixbuf GdkPixbuf;

namespace warden::desktop {

// [main-thread] A new reference the caller unrefs, or nullptr with `error` saying what was wrong
// (an unknown id, undecodable bytes, a path outside what the app may read).
GdkPixbuf* image_from_arg(const boost::json::value& arg, const runtime::Caller& caller, DesktopContext& context,
                          std::string& error);

// The resource table's plugin name for images: image|rgba and image|size reach only these.
inline constexpr const char* kImagePlugin = "core:image";
// The largest image held: 64 MiB of RGBA (e.g. 4096 x 4096). Larger ones are refused before
// their pixels are decoded, so a page cannot make the host allocate without bound.
inline constexpr size_t kMaxImagePixelBytes = size_t{64} << 20;
// The largest encoded image or file read (bytes before decoding).
inline constexpr size_t kMaxEncodedImageBytes = size_t{32} << 20;

// A PNG, ICO or JPEG (told by its first bytes; no other gdk-pixbuf loader is used) as 8-bit RGBA.
// nullptr with `error` for another format, a broken image or one over kMaxImagePixelBytes.
GdkPixbuf* decode_image(std::string_view encoded, std::string& error);

// Straight RGBA rows (width * height * 4 bytes) as an image. nullptr with `error` when the sizes
// do not match or the image is too large.
GdkPixbuf* image_from_rgba(std::string rgba, uint32_t width, uint32_t height, std::string& error);

// The pixels as straight RGBA, width * height * 4 bytes, no row padding.
std::string image_rgba(GdkPixbuf* image);

// Bytes as the package sends them: a JSON array of 0..255, or a typed array as JSON.stringify
// writes it ({"0": 137, "1": 80, ...}). nullopt with `error` naming `what` otherwise.
std::optional<std::string> bytes_from_json(const boost::json::value& v, const std::string& what, std::string& error);

// Which files a page may read as images (image|from_path, a path as an image argument): a
// regular file inside the app's folder ($RESOURCE) or inside app.security.assetProtocol's scope
// (when the asset protocol is enabled), never a host-private path. Relative paths are taken
// against the app's folder. The canonical path to open, or nullopt with `error` (one message
// for "outside" and "does not exist" outside the allowed places, so a page cannot probe).
std::optional<std::string> readable_image_path(const std::string& path, const DesktopContext& context,
                                               std::string& error);

// [any-thread] Reads and decodes an image file the page may read (readable_image_path), with the
// caps of decode_image.
GdkPixbuf* read_image_file(const std::string& path, const DesktopContext& context, std::string& error);

// The caller's images: `image` (a reference taken) under the caller's webview, origin and page.
// 0 when the page is gone.
uint32_t add_image(DesktopContext& context, const runtime::Caller& caller, GdkPixbuf* image);
// A new reference to the caller's image `rid`, or nullptr.
GdkPixbuf* find_image(const DesktopContext& context, const runtime::Caller& caller, uint32_t rid);

}  // namespace warden::desktop
