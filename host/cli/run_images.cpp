#include "cli/run_images.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <boost/json/parse.hpp>
#include <shared_mutex>

#include "desktop/image_resource.hpp"

namespace warden::cli {

struct RunImages::State {
  std::shared_mutex mutex;  // shared by the hooks, exclusive when the run's desktop goes
  desktop::DesktopContext* desktop;
};

namespace {

runtime::Caller runtime_caller(const plugin::Caller& c) { return {c.window, c.webview, c.origin, c.origin, c.page}; }

uint32_t image_from_rgba(RunImages::State& s, const plugin::Caller& caller, std::string rgba, uint32_t width,
                         uint32_t height, std::string& error) {
  std::shared_lock lock(s.mutex);
  if (!s.desktop) return error = "the run is over", 0;
  GdkPixbuf* image = desktop::image_from_rgba(std::move(rgba), width, height, error);
  if (!image) return 0;
  uint32_t rid = desktop::add_image(*s.desktop, runtime_caller(caller), image);
  g_object_unref(image);
  if (rid == 0) error = "the page that asked for the image is gone";
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
