#pragma once
// warden.images/1 in `warden run`: a plugin makes and reads core:image resources (the Images of
// @tauri-apps/api) for its caller through the desktop's image resources (image_resource.hpp).
#include <memory>

#include "desktop/desktop_context.hpp"
#include "plugin/app_hooks.hpp"

namespace warden::cli {

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
