// warden.images/1 (sdk/include/warden/ext/images.h): a plugin makes and reads the Image
// resources of @tauri-apps/api for its caller, through the run's AppHooks (the desktop's image
// resources, filled in by warden run). Outside a run each function refuses.
#include <cstdlib>
#include <cstring>
#include <string>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/images.h"

namespace warden::plugin {
namespace {

const AppHooks* hooks_of(const warden_host* host) {
  const HostServices* services = HostServices::from(host);
  return services ? services->options().app.get() : nullptr;
}

int refuse(char** error, const std::string& why) {
  if (error) *error = ::strdup(why.c_str());  // released by the host's free_string
  return -1;
}

int image_from_rgba(const warden_host* host, warden_call* call, const uint8_t* rgba, size_t size, uint32_t width,
                    uint32_t height, uint32_t* rid, char** error) {
  if (error) *error = nullptr;
  if (rid) *rid = 0;
  const AppHooks* app = hooks_of(host);
  if (!app || !app->image_from_rgba) return refuse(error, "this host has no image resources");
  if (!call || !pending_request(call) || !rid || (!rgba && size))
    return refuse(error, "image_from_rgba needs a pending call, the pixels and a place for the id");
  std::string why;
  uint32_t id = app->image_from_rgba(call_caller(call), std::string(reinterpret_cast<const char*>(rgba), size), width,
                                     height, why);
  if (id == 0) return refuse(error, why.empty() ? "the image could not be made" : why);
  *rid = id;
  return 0;
}

int image_rgba(const warden_host* host, warden_call* call, const char* image_json, char** rgba, size_t* size,
               uint32_t* width, uint32_t* height, char** error) {
  if (error) *error = nullptr;
  if (rgba) *rgba = nullptr;
  if (size) *size = 0;
  const AppHooks* app = hooks_of(host);
  if (!app || !app->image_rgba) return refuse(error, "this host has no image resources");
  if (!call || !pending_request(call) || !image_json || !rgba || !size || !width || !height)
    return refuse(error, "image_rgba needs a pending call, the image and places for the pixels");
  std::string why;
  auto image = app->image_rgba(call_caller(call), image_json, why);
  if (!image) return refuse(error, why.empty() ? "the image could not be read" : why);
  char* pixels = static_cast<char*>(std::malloc(image->pixels.size() + 1));  // free_string frees it
  if (!pixels) return refuse(error, "out of memory for the image's pixels");
  std::memcpy(pixels, image->pixels.data(), image->pixels.size());
  *rgba = pixels;
  *size = image->pixels.size();
  *width = image->width;
  *height = image->height;
  return 0;
}

constexpr warden_host_images vtable{sizeof(warden_host_images), image_from_rgba, image_rgba};

}  // namespace

const void* images_extension() { return &vtable; }

}  // namespace warden::plugin
