/* Refusal: the descriptor's struct_size is smaller than the ABI's warden_plugin. */
#include <stddef.h>

#include <warden/plugin.h>

static void noop(void *state, const warden_request *request) { (void)state; (void)request; }
static const warden_command noop_cmd = {sizeof(warden_command), "noop", noop, 0};
static const warden_command *const commands[] = {&noop_cmd};
static warden_status init(const warden_host *h, const char *c, void **s, char *e, size_t n) {
  (void)h; (void)c; (void)e; (void)n;
  *s = NULL;
  return WARDEN_OK;
}
static const warden_plugin plugin = {offsetof(warden_plugin, commands), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME,
                                     WARDEN_PLUGIN_VERSION, commands, 1, init, NULL, NULL};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { (void)abi; return &plugin; }
