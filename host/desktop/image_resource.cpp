#include "desktop/image_resource.hpp"

namespace warden::desktop {

GdkPixbuf* image_from_arg(const boost::json::value&, const runtime::Caller&, DesktopContext&, std::string& error) {
  error = "images are not supported yet";
  return nullptr;
}

}  // namespace warden::desktop
