/* Declares OFFERS_EXTENSIONS warden.init-script/1 in its section but answers no extension: the
 * host refuses it rather than run a plugin whose section misdescribes it. */
#include <warden/plugin.h>

static const warden_host *g_host;
static void noop(void *state, const warden_request *request) {
  (void)state;
  g_host->resolve_json(request->call, "null", 4);
}
static const void *get_extension(const warden_plugin *p, const char *id) {
  (void)p;
  (void)id;
  return NULL;
}
static const warden_command noop_cmd = {sizeof(warden_command), "noop", noop, 0};
static const warden_command *const commands[] = {&noop_cmd};
static warden_status init(const warden_host *h, const char *c, void **s, char *e, size_t n) {
  (void)c; (void)e; (void)n;
  g_host = h;
  *s = NULL;
  return WARDEN_OK;
}
static const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME,
                                     WARDEN_PLUGIN_VERSION, commands, 1, init, NULL, get_extension};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { return abi == WARDEN_ABI_VERSION ? &plugin : NULL; }
