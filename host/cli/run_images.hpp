#pragma once
// warden.images/1 in `warden run`: a plugin makes and reads core:image resources (the Images of
// @tauri-apps/api) for its caller through the desktop's image resources (image_resource.hpp).
#include <cstddef>
#include <memory>

#include "desktop/desktop_context.hpp"
#include "plugin/app_hooks.hpp"

namespace warden::cli {

// The RGBA bytes of the Images that plugins made for one page and that it still holds: past
// it, a new one is refused until the page closes some. Each read of a clipboard image is a new
// Image of up to 64 MiB: without a budget, a page repeating reads would make the host hold copies
// without bound.
inline constexpr size_t max_made_image_bytes_per_page = size_t{256} << 20;

// Fills hooks.image_from_rgba and hooks.image_rgba for one run. The hooks refuse once this
// object is gone, so it must be declared after `desktop` (plugins outlive the desktop context).
class RunImages {
 public:
  RunImages(plugin::AppHooks& hooks, desktop::DesktopContext& desktop);
  ~RunImages();
  RunImages(const RunImages&) = delete;
  RunImages& operator=(const RunImages&) = delete;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace warden::cli
