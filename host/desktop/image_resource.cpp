#include "desktop/image_resource.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>

#include <boost/json.hpp>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "plugin/canonical_path.hpp"
#include "plugin/path_scope.hpp"

namespace warden::desktop {
namespace json = boost::json;

namespace {

// The loader for the format the first bytes announce: only the formats Tauri's images take
// (PNG, ICO) and JPEG, so a page's bytes never reach gdk-pixbuf's other loaders (TIFF, XPM, ANI...).
const char* loader_type_of(std::string_view b) {
  if (b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0) return "png";
  if (b.size() >= 3 && std::memcmp(b.data(), "\xff\xd8\xff", 3) == 0) return "jpeg";
  if (b.size() >= 4 && std::memcmp(b.data(), "\x00\x00\x01\x00", 4) == 0) return "ico";
  return nullptr;
}

bool too_large(uint64_t width, uint64_t height) { return width * height * 4 > kMaxImagePixelBytes; }

std::string too_large_message(uint64_t width, uint64_t height) {
  return "the image is " + std::to_string(width) + " x " + std::to_string(height) + " pixels; at most " +
         std::to_string(kMaxImagePixelBytes >> 20) + " MiB of RGBA (e.g. 4096 x 4096) is taken";
}

// 8-bit RGBA with alpha, whatever the loader gave (JPEG has no alpha).
GdkPixbuf* as_rgba(GdkPixbuf* decoded) {
  if (gdk_pixbuf_get_has_alpha(decoded)) return GDK_PIXBUF(g_object_ref(decoded));
  return gdk_pixbuf_add_alpha(decoded, FALSE, 0, 0, 0);
}

struct LoaderState {
  bool oversized = false;
  int width = 0, height = 0;
};

struct LoaderDeleter {
  void operator()(GdkPixbufLoader* loader) const { g_object_unref(loader); }
};

}  // namespace

GdkPixbuf* decode_image(std::string_view encoded, std::string& error) {
  if (encoded.size() > kMaxEncodedImageBytes) {
    error = "the encoded image is " + std::to_string(encoded.size()) + " bytes; at most " +
            std::to_string(kMaxEncodedImageBytes >> 20) + " MiB is taken";
    return nullptr;
  }
  const char* type = loader_type_of(encoded);
  if (!type) {
    error = "not a PNG, ICO or JPEG image";
    return nullptr;
  }
  GError* gerror = nullptr;
  std::unique_ptr<GdkPixbufLoader, LoaderDeleter> loader(gdk_pixbuf_loader_new_with_type(type, &gerror));
  if (!loader) {
    error = std::string("no ") + type + " decoder: " + (gerror ? gerror->message : "unknown error");
    g_clear_error(&gerror);
    return nullptr;
  }
  LoaderState state;
  // The header tells the size before any pixel is decoded: for an image over the cap the loader
  // is asked for 0 x 0, which makes gdk-pixbuf's PNG, JPEG and ICO loaders stop before they
  // allocate the image; it is refused below.
  g_signal_connect(loader.get(), "size-prepared", G_CALLBACK(+[](GdkPixbufLoader* l, int w, int h, gpointer data) {
                     auto* s = static_cast<LoaderState*>(data);
                     s->width = w;
                     s->height = h;
                     if (w <= 0 || h <= 0 || too_large(static_cast<uint64_t>(w), static_cast<uint64_t>(h))) {
                       s->oversized = true;
                       gdk_pixbuf_loader_set_size(l, 0, 0);
                     }
                   }),
                   &state);
  constexpr size_t kChunk = 64 * 1024;
  bool ok = true;
  for (size_t at = 0; at < encoded.size() && ok && !state.oversized; at += kChunk) {
    size_t n = std::min(kChunk, encoded.size() - at);
    ok = gdk_pixbuf_loader_write(loader.get(), reinterpret_cast<const guchar*>(encoded.data() + at), n, &gerror);
  }
  // close() reports a truncated image; its error matters only when the writes went well.
  bool closed = gdk_pixbuf_loader_close(loader.get(), ok ? &gerror : nullptr);
  if (state.oversized) {
    g_clear_error(&gerror);
    error = too_large_message(state.width, state.height);
    return nullptr;
  }
  if (!ok || !closed) {
    error = std::string("the ") + type + " image cannot be decoded: " + (gerror ? gerror->message : "broken data");
    g_clear_error(&gerror);
    return nullptr;
  }
  GdkPixbuf* decoded = gdk_pixbuf_loader_get_pixbuf(loader.get());
  if (!decoded) {
    error = std::string("the ") + type + " image cannot be decoded";
    return nullptr;
  }
  return as_rgba(decoded);
}

GdkPixbuf* image_from_rgba(std::string rgba, uint32_t width, uint32_t height, std::string& error) {
  if (width == 0 || height == 0) {
    error = "width and height must be at least 1";
    return nullptr;
  }
  if (too_large(width, height)) {
    error = too_large_message(width, height);
    return nullptr;
  }
  uint64_t expected = uint64_t{width} * height * 4;
  if (rgba.size() != expected) {
    error = "rgba holds " + std::to_string(rgba.size()) + " bytes; a " + std::to_string(width) + " x " +
            std::to_string(height) + " image needs width * height * 4 = " + std::to_string(expected);
    return nullptr;
  }
  auto* held = new std::string(std::move(rgba));
  GBytes* bytes = g_bytes_new_with_free_func(held->data(), held->size(),
                                             [](gpointer p) { delete static_cast<std::string*>(p); }, held);
  GdkPixbuf* image = gdk_pixbuf_new_from_bytes(bytes, GDK_COLORSPACE_RGB, TRUE, 8, static_cast<int>(width),
                                               static_cast<int>(height), static_cast<int>(width) * 4);
  g_bytes_unref(bytes);
  return image;
}

std::string image_rgba(GdkPixbuf* image) {
  int width = gdk_pixbuf_get_width(image), height = gdk_pixbuf_get_height(image);
  int stride = gdk_pixbuf_get_rowstride(image), channels = gdk_pixbuf_get_n_channels(image);
  const guint8* pixels = gdk_pixbuf_read_pixels(image);
  std::string out;
  out.reserve(static_cast<size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y) {
    const guint8* row = pixels + static_cast<size_t>(y) * stride;
    if (channels == 4) {
      out.append(reinterpret_cast<const char*>(row), static_cast<size_t>(width) * 4);
    } else {
      for (int x = 0; x < width; ++x) {
        out.append(reinterpret_cast<const char*>(row + x * channels), 3);
        out.push_back(static_cast<char>(0xff));
      }
    }
  }
  return out;
}

std::optional<std::string> bytes_from_json(const json::value& v, const std::string& what, std::string& error) {
  auto byte_of = [](const json::value& n) -> int {
    if (!n.is_number()) return -1;
    double d = n.to_number<double>();
    return (d >= 0 && d <= 255 && d == static_cast<int>(d)) ? static_cast<int>(d) : -1;
  };
  std::string out;
  if (v.is_array()) {
    const auto& a = v.as_array();
    out.reserve(a.size());
    for (const auto& n : a) {
      int b = byte_of(n);
      if (b < 0) {
        error = what + " must hold numbers from 0 to 255";
        return std::nullopt;
      }
      out.push_back(static_cast<char>(b));
    }
    return out;
  }
  if (v.is_object()) {
    // A Uint8Array through JSON.stringify: keys "0".."n-1", in order.
    const auto& o = v.as_object();
    out.reserve(o.size());
    size_t i = 0;
    for (const auto& [key, n] : o) {
      int b = byte_of(n);
      if (key != std::to_string(i++) || b < 0) {
        error = what + " must be bytes (an array of numbers from 0 to 255, or a Uint8Array)";
        return std::nullopt;
      }
      out.push_back(static_cast<char>(b));
    }
    return out;
  }
  error = what + " must be bytes (an array of numbers from 0 to 255, or a Uint8Array)";
  return std::nullopt;
}

namespace {

bool inside(const std::string& path, const std::string& folder) {
  if (folder.empty()) return false;
  if (folder == "/") return true;
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

}  // namespace

std::optional<std::string> readable_image_path(const std::string& path, const DesktopContext& context,
                                               std::string& error) {
  const std::string refused = "'" + path + "' is not a file this app may read as an image (the app's folder or "
                              "app.security.assetProtocol's scope)";
  if (path.empty() || path.find('\0') != std::string::npos) {
    error = "path must be a non-empty path";
    return std::nullopt;
  }
  std::filesystem::path given(path);
  if (given.is_relative()) {
    if (!context.paths.resource_dir) {
      error = refused;
      return std::nullopt;
    }
    given = *context.paths.resource_dir / given;
  }
  auto canonical = plugin::canonical_path(given.lexically_normal().string());
  if (!canonical || plugin::is_private_path(*canonical, context.paths)) {
    error = refused;
    return std::nullopt;
  }
  bool allowed = false;
  if (context.paths.resource_dir) {
    auto app_dir = plugin::canonical_path(context.paths.resource_dir->lexically_normal().string());
    allowed = app_dir && inside(*canonical, *app_dir);
  }
  if (!allowed && context.asset_protocol && context.asset_protocol->enabled) {
    plugin::GlobOptions globs{context.asset_protocol->require_literal_leading_dot};
    allowed = plugin::judge_path(*canonical, context.asset_protocol->scope, context.paths, globs).decision ==
              plugin::ScopeDecision::allowed;
  }
  if (!allowed) {
    error = refused;
    return std::nullopt;
  }
  struct stat st{};
  if (::stat(canonical->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    error = "'" + path + "' is not a regular file";
    return std::nullopt;
  }
  return canonical;
}

GdkPixbuf* read_image_file(const std::string& path, const DesktopContext& context, std::string& error) {
  auto canonical = readable_image_path(path, context, error);
  if (!canonical) return nullptr;
  // The canonical path has no link left; O_NOFOLLOW keeps one swapped in since from being followed.
  int fd = ::open(canonical->c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    error = "'" + path + "' cannot be opened: " + std::strerror(errno);
    return nullptr;
  }
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = "'" + path + "' is not a regular file";
    return nullptr;
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxEncodedImageBytes) {
    ::close(fd);
    error = "'" + path + "' is " + std::to_string(st.st_size) + " bytes; at most " +
            std::to_string(kMaxEncodedImageBytes >> 20) + " MiB is read";
    return nullptr;
  }
  std::string data(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < data.size()) {
    ssize_t n = ::read(fd, data.data() + got, data.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  std::string decode_error;
  GdkPixbuf* image = decode_image(data, decode_error);
  if (!image) error = "'" + path + "': " + decode_error;
  return image;
}

uint32_t add_image(DesktopContext& context, const runtime::Caller& caller, GdkPixbuf* image) {
  auto object = std::make_shared<plugin::ResourceObject>(g_object_ref(image), [](void* p) { g_object_unref(p); });
  return context.resources.add({caller.webview, caller.origin, caller.page}, kImagePlugin, std::move(object));
}

GdkPixbuf* find_image(const DesktopContext& context, const runtime::Caller& caller, uint32_t rid) {
  auto object = context.resources.get({caller.webview, caller.origin, caller.page}, kImagePlugin, rid);
  return object ? GDK_PIXBUF(g_object_ref(object->get())) : nullptr;
}

// Tauri's JsImage: a resource id, a path, bytes of an encoded image, or {rgba, width, height}.
GdkPixbuf* image_from_arg(const json::value& arg, const runtime::Caller& caller, DesktopContext& context,
                          std::string& error) {
  if (arg.is_number()) {
    double d = arg.to_number<double>();
    GdkPixbuf* image = (d >= 1 && d <= UINT32_MAX && d == static_cast<uint32_t>(d))
                           ? find_image(context, caller, static_cast<uint32_t>(d))
                           : nullptr;
    if (!image) error = "image resource id " + json::serialize(arg) + " not found";
    return image;
  }
  if (arg.is_string()) return read_image_file(std::string(arg.as_string()), context, error);
  if (arg.is_object() && arg.as_object().contains("rgba")) {
    const auto& o = arg.as_object();
    auto rgba = bytes_from_json(o.at("rgba"), "image.rgba", error);
    if (!rgba) return nullptr;
    auto dimension = [&](const char* key) -> std::optional<uint32_t> {
      auto* v = o.if_contains(key);
      if (!v || !v->is_number() || v->to_number<double>() < 1 || v->to_number<double>() > 65535 ||
          v->to_number<double>() != static_cast<uint32_t>(v->to_number<double>())) {
        error = std::string("image.") + key + " must be a whole number from 1 to 65535";
        return std::nullopt;
      }
      return static_cast<uint32_t>(v->to_number<double>());
    };
    auto width = dimension("width");
    if (!width) return nullptr;
    auto height = dimension("height");
    if (!height) return nullptr;
    return image_from_rgba(std::move(*rgba), *width, *height, error);
  }
  if (arg.is_array() || arg.is_object()) {
    auto bytes = bytes_from_json(arg, "image", error);
    return bytes ? decode_image(*bytes, error) : nullptr;
  }
  error = "an image must be an Image, a path, bytes of a PNG, ICO or JPEG, or {rgba, width, height}";
  return nullptr;
}

}  // namespace warden::desktop
