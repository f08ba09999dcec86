// warden.single-instance/1 (sdk/include/warden/ext/single_instance.h). Placeholder until issue
// 20's implementation lands: no arguments, every subscription refused.
#include "plugin/host_extensions.hpp"
#include "warden/ext/single_instance.h"

namespace warden::plugin {
namespace {

char* arguments(const warden_host*) { return nullptr; }
uint64_t subscribe(const warden_host*, warden_instance_arguments_fn, void*) { return 0; }
int unsubscribe(const warden_host*, uint64_t) { return -1; }

constexpr warden_host_single_instance vtable{sizeof(warden_host_single_instance), arguments, subscribe, unsubscribe};

}  // namespace

const void* single_instance_extension() { return &vtable; }

}  // namespace warden::plugin
