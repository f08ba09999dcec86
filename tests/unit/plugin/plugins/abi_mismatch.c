/* Refusal: a hand-made manifest section that says ABI 99. The host refuses it from the
 * section alone, before loading. */
#include <stdint.h>
#include <stddef.h>

#include <warden/plugin.h>

#define PAYLOAD "{\"name\":\"abi-mismatch\",\"version\":\"1.0.0\",\"commands\":[],\"files\":[]}"

struct __attribute__((packed)) manifest {
  char magic[8];
  uint32_t format_version, abi_version, length;
  char payload[sizeof(PAYLOAD) - 1];
};

__attribute__((used, section(WARDEN_MANIFEST_SECTION))) static const struct manifest section = {
    {'W', 'A', 'R', 'D', 'E', 'N', 'M', 'F'}, WARDEN_MANIFEST_FORMAT_VERSION, 99u, sizeof(PAYLOAD) - 1, PAYLOAD};

static const warden_plugin plugin = {sizeof(warden_plugin), 99u, "abi-mismatch", "1.0.0", NULL, 0, NULL, NULL, NULL};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { (void)abi; return &plugin; }
