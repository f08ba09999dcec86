// warden.images/1 through a plugin's real HostServices and a real pending call: the run's hooks
// receive the caller the host recorded, their refusals reach the plugin as a reason, and outside
// a run (no hooks) every function refuses.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "plugin/call.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/images.h"

using namespace warden::plugin;

namespace {

const warden_host_images* images_of(const warden_host* h) {
  return static_cast<const warden_host_images*>(h->get_extension(h, WARDEN_EXT_IMAGES));
}

HostOptions run_options(Caller* seen) {
  HostOptions o;
  o.app = std::make_shared<AppHooks>();
  o.app->image_from_rgba = [seen](const Caller& caller, std::string rgba, uint32_t w, uint32_t h, std::string& error) {
    *seen = caller;
    if (rgba.size() != size_t{w} * h * 4) return error = "sizes do not match", 0u;
    return 42u;
  };
  o.app->image_rgba = [](const Caller&, std::string_view json, std::string& error) -> std::optional<ImageRgba> {
    if (json != "7") return error = "image resource id " + std::string(json) + " not found", std::nullopt;
    return ImageRgba{std::string("\x01\x00\x02\xff", 4), 1, 1};
  };
  return o;
}

}  // namespace

TEST(ImagesExtension, MakesAndReadsImagesOfTheCallsCaller) {
  Caller seen;
  HostServices services("clipboard-manager", run_options(&seen));
  const warden_host* h = services.vtable();
  CallRequest request;
  request.caller = {"win", "view", "app://localhost", 3};
  PendingCall pending("clipboard-manager", request);
  const warden_host_images* images = images_of(h);
  ASSERT_NE(images, nullptr);
  uint8_t pixel[4] = {1, 2, 3, 4};
  uint32_t rid = 0;
  char* error = nullptr;
  EXPECT_EQ(images->image_from_rgba(h, pending.handle(), pixel, 4, 1, 1, &rid, &error), 0);
  EXPECT_EQ(rid, 42u);
  EXPECT_EQ(seen.webview, "view");
  EXPECT_EQ(seen.page, 3u);
  EXPECT_NE(images->image_from_rgba(h, pending.handle(), pixel, 4, 2, 2, &rid, &error), 0);
  ASSERT_NE(error, nullptr);
  EXPECT_STREQ(error, "sizes do not match");
  h->free_string(h, error);

  char* rgba = nullptr;
  size_t size = 0;
  uint32_t w = 0, hgt = 0;
  EXPECT_EQ(images->image_rgba(h, pending.handle(), "7", &rgba, &size, &w, &hgt, &error), 0);
  ASSERT_EQ(size, 4u);
  EXPECT_EQ(std::string(rgba, size), std::string("\x01\x00\x02\xff", 4));  // a NUL inside survives
  EXPECT_EQ(w, 1u);
  h->free_string(h, rgba);
  EXPECT_NE(images->image_rgba(h, pending.handle(), "8", &rgba, &size, &w, &hgt, &error), 0);
  EXPECT_EQ(rgba, nullptr);
  EXPECT_STREQ(error, "image resource id 8 not found");
  h->free_string(h, error);
}

TEST(ImagesExtension, OutsideARunEverythingIsRefusedWithAReason) {
  HostServices services("clipboard-manager", {});
  const warden_host* h = services.vtable();
  CallRequest request;
  PendingCall pending("clipboard-manager", request);
  uint8_t pixel[4] = {};
  uint32_t rid = 9;
  char* error = nullptr;
  EXPECT_LT(images_of(h)->image_from_rgba(h, pending.handle(), pixel, 4, 1, 1, &rid, &error), 0);
  EXPECT_EQ(rid, 0u);
  ASSERT_NE(error, nullptr);
  h->free_string(h, error);
  char* rgba = nullptr;
  size_t size = 0;
  uint32_t w = 0, hgt = 0;
  EXPECT_LT(images_of(h)->image_rgba(h, pending.handle(), "1", &rgba, &size, &w, &hgt, &error), 0);
  h->free_string(h, error);
}
