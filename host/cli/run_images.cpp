#include "cli/run_images.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <boost/json/parse.hpp>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "desktop/image_resource.hpp"

namespace warden::cli {

// An Image a plugin made for a page, while the page holds it.
struct MadeImage {
  plugin::ResourceOwner owner;
  std::weak_ptr<plugin::ResourceObject> object;
  size_t bytes = 0;
};

struct RunImages::State {
  std::shared_mutex mutex;  // shared by the hooks, exclusive when the run's desktop goes
  desktop::DesktopContext* desktop;
  std::mutex made_mutex;
  std::vector<MadeImage> made;  // pruned of the ones the page closed or lost on each new one
};

namespace {

// The bytes of RGBA that the Images plugins made for `owner`'s page still hold (the ones it
// closed, or lost with its document, are forgotten here).
size_t held_by(RunImages::State& s, const plugin::ResourceOwner& owner) {
  std::erase_if(s.made, [](const MadeImage& m) { return m.object.expired(); });
  size_t total = 0;
  for (const MadeImage& m : s.made)
    if (m.owner.webview == owner.webview && m.owner.page == owner.page) total += m.bytes;
  return total;
}

runtime::Caller runtime_caller(const plugin::Caller& c) { return {c.window, c.webview, c.origin, c.origin, c.page}; }

uint32_t image_from_rgba(RunImages::State& s, const plugin::Caller& caller, std::string rgba, uint32_t width,
                         uint32_t height, std::string& error) {
  std::shared_lock lock(s.mutex);
  if (!s.desktop) return error = "the run is over", 0;
  plugin::ResourceOwner owner{caller.webview, caller.origin, caller.page};
  size_t bytes = rgba.size();
  std::lock_guard made_lock(s.made_mutex);
  if (held_by(s, owner) + bytes > max_made_image_bytes_per_page)
    return error = "this page already holds 256 MiB of images made for it; close some (Image.close()) first", 0;
  GdkPixbuf* image = desktop::image_from_rgba(std::move(rgba), width, height, error);
  if (!image) return 0;
  // As desktop::add_image does, keeping a weak reference to count what the page holds.
  auto object = std::make_shared<plugin::ResourceObject>(image, [](void* p) { g_object_unref(p); });
  uint32_t rid = s.desktop->resources.add(owner, desktop::kImagePlugin, object);
  if (rid == 0) return error = "the page that asked for the image is gone", 0;
  s.made.push_back({owner, object, bytes});
  return rid;
}

std::optional<plugin::ImageRgba> image_rgba(RunImages::State& s, const plugin::Caller& caller,
                                            std::string_view image_json, std::string& error) {
  std::shared_lock lock(s.mutex);
  if (!s.desktop) return error = "the run is over", std::nullopt;
  boost::system::error_code ec;
  boost::json::value arg = boost::json::parse(image_json, ec);
  if (ec) return error = "the image argument is not JSON", std::nullopt;
  GdkPixbuf* image = desktop::image_from_arg(arg, runtime_caller(caller), *s.desktop, error);
  if (!image) return std::nullopt;
  plugin::ImageRgba out{desktop::image_rgba(image), static_cast<uint32_t>(gdk_pixbuf_get_width(image)),
                        static_cast<uint32_t>(gdk_pixbuf_get_height(image))};
  g_object_unref(image);
  return out;
}

}  // namespace

RunImages::RunImages(plugin::AppHooks& hooks, desktop::DesktopContext& desktop)
    : state_(new State{{}, &desktop}) {
  auto s = state_;
  hooks.image_from_rgba = [s](const plugin::Caller& caller, std::string rgba, uint32_t width, uint32_t height,
                              std::string& error) {
    return image_from_rgba(*s, caller, std::move(rgba), width, height, error);
  };
  hooks.image_rgba = [s](const plugin::Caller& caller, std::string_view image_json, std::string& error) {
    return image_rgba(*s, caller, image_json, error);
  };
}

RunImages::~RunImages() {
  std::unique_lock lock(state_->mutex);
  state_->desktop = nullptr;
}

}  // namespace warden::cli
