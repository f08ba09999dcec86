// warden.resources/1: plugin objects a page names by number, kept in the call environment's
// resource table under the caller (webview, page, frame origin) and the plugin.
#include <spdlog/spdlog.h>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "warden/ext/resources.h"

namespace warden::plugin {
namespace {

// Whose resources the call reaches: its own frame's origin in its own page.
ResourceOwner owner_of(const warden_call* call) {
  const Caller& c = call_caller(call);
  return {c.webview, c.origin, c.page};
}

int resource_add(warden_call* call, void* object, void (*close)(void* object), uint32_t* rid) {
  if (rid) *rid = 0;
  // Owned from here on: on any failure the object is closed, as the ABI promises.
  auto held = std::make_shared<ResourceObject>(object, close);
  const CallEnvironment* env = call_environment(call);
  if (!env || !env->resources || !rid) return -1;
  try {
    std::uint32_t id = env->resources->add(owner_of(call), call_plugin(call), std::move(held));
    if (id == 0) return -1;
    *rid = id;
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] adding a resource failed: {}", call_plugin(call), e.what());
    return -1;
  }
}

void* resource_get(warden_call* call, uint32_t rid) {
  const CallEnvironment* env = call_environment(call);
  if (!env || !env->resources) return nullptr;
  auto object = env->resources->get(owner_of(call), call_plugin(call), rid);
  if (!object) return nullptr;
  void* raw = object->get();
  call_hold(call, std::move(object));
  return raw;
}

int resource_close(warden_call* call, uint32_t rid) {
  const CallEnvironment* env = call_environment(call);
  if (!env || !env->resources) return -1;
  return env->resources->remove(owner_of(call), call_plugin(call), rid) ? 0 : -1;
}

constexpr warden_host_resources vtable{sizeof(warden_host_resources), resource_add, resource_get, resource_close};

}  // namespace

const void* resources_extension() { return &vtable; }

}  // namespace warden::plugin
