#include "desktop/image_commands.hpp"

#include <boost/json.hpp>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "desktop/command_arguments.hpp"
#include "desktop/image_resource.hpp"

namespace warden::desktop {
namespace json = boost::json;

namespace {

// A whole number from `low` to `high` under `key`.
uint32_t whole_arg(const json::object& args, const char* key, uint32_t low, uint32_t high) {
  auto n = whole_number(required_argument(args, key), low, high);
  if (!n)
    throw BadArgument(std::string("argument '") + key + "' must be a whole number from " + std::to_string(low) +
                      " to " + std::to_string(high));
  return *n;
}

// Holds a new reference for the scope of a command.
struct Image {
  GdkPixbuf* pixbuf;
  explicit Image(GdkPixbuf* p) : pixbuf(p) {}
  ~Image() { if (pixbuf) g_object_unref(pixbuf); }
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
};

// Adds the image for the caller and answers its id; a page that is already gone gets an error.
void answer_new_image(runtime::Invocation& call, DesktopContext& context, GdkPixbuf* decoded, const std::string& error) {
  Image image(decoded);
  if (!image.pixbuf) return void(call.completion->reject(error));
  uint32_t rid = add_image(context, call.caller, image.pixbuf);
  if (rid == 0) return void(call.completion->reject("the page that asked for the image is gone"));
  call.completion->resolve_json(std::to_string(rid));
}

GdkPixbuf* image_of(runtime::Invocation& call, DesktopContext& context, const json::object& args) {
  uint32_t rid = whole_arg(args, "rid", 1, UINT32_MAX);
  GdkPixbuf* image = find_image(context, call.caller, rid);
  if (!image) throw BadArgument("image resource id " + std::to_string(rid) + " not found");
  return image;
}

// Decoding and copying pixels can take a while for a large image: those commands run on the
// blocking pool (gdk-pixbuf and the resource table are thread-safe), off the main thread.
void add(runtime::CommandTable& commands, const char* name, runtime::CommandFn fn, bool blocking = true) {
  commands.add(name, runtime::Command{refusing_bad_arguments(std::move(fn)), blocking});
}

}  // namespace

void add_image_commands(runtime::CommandTable& commands, DesktopContext& context) {
  add(commands, "plugin:image|new", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    std::string error;
    auto rgba = bytes_from_json(required_argument(args, "rgba"), "argument 'rgba'", error);
    if (!rgba) throw BadArgument(error);
    uint32_t width = whole_arg(args, "width", 1, 65535), height = whole_arg(args, "height", 1, 65535);
    GdkPixbuf* image = image_from_rgba(std::move(*rgba), width, height, error);
    answer_new_image(call, context, image, error);
  });
  add(commands, "plugin:image|from_bytes", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    std::string error;
    auto bytes = bytes_from_json(required_argument(args, "bytes"), "argument 'bytes'", error);
    if (!bytes) throw BadArgument(error);
    GdkPixbuf* image = decode_image(*bytes, error);
    answer_new_image(call, context, image, error);
  });
  add(commands, "plugin:image|from_path", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    const json::value& path = required_argument(args, "path");
    if (!path.is_string()) throw BadArgument("argument 'path' must be a string");
    std::string error;
    GdkPixbuf* image = read_image_file(std::string(path.as_string()), context, error);
    answer_new_image(call, context, image, error);
  });
  // The pixels as raw bytes (an ArrayBuffer in the page; image.js wraps it in a Uint8Array).
  add(commands, "plugin:image|rgba", [&context](runtime::Invocation& call) {
    Image image(image_of(call, context, arguments_of(call)));
    call.completion->resolve_bytes(image_rgba(image.pixbuf));
  });
  add(commands, "plugin:image|size", [&context](runtime::Invocation& call) {
    Image image(image_of(call, context, arguments_of(call)));
    json::object size{{"width", gdk_pixbuf_get_width(image.pixbuf)}, {"height", gdk_pixbuf_get_height(image.pixbuf)}};
    call.completion->resolve_json(json::serialize(size));
  }, false);
}

}  // namespace warden::desktop
