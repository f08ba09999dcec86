// A C++ plugin on the raw ABI (no wrapper) whose command lets an exception escape: the host
// must turn it into a command error, not terminate.
#include <stdexcept>

#include <warden/plugin.h>

namespace {
void throws(void*, const warden_request*) { throw std::runtime_error("escaped the plugin"); }
const warden_command throws_cmd = {sizeof(warden_command), "throws", throws, 0};
const warden_command* const commands[] = {&throws_cmd};
warden_status init(const warden_host*, const char*, void** s, char*, size_t) {
  *s = nullptr;
  return WARDEN_OK;
}
const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME, WARDEN_PLUGIN_VERSION,
                              commands, 1, init, nullptr, nullptr};
}  // namespace

extern "C" WARDEN_EXPORT const warden_plugin* warden_plugin_entry(uint32_t) { return &plugin; }
