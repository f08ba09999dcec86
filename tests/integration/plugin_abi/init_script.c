/* A plain C plugin offering an init script through warden_plugin::get_extension
 * (warden.init-script/1). */
#include <string.h>

#include <warden/ext/init_script.h>
#include <warden/plugin.h>

static const warden_host *g_host;
static int g_state = 7;
static void noop(void *state, const warden_request *request) {
  (void)state;
  g_host->resolve_json(request->call, "null", 4);
}
static const char *script(void *state) {
  return state == &g_state ? "window.__fromC = 7;" : "window.__wrongState = true;";
}
static const warden_plugin_init_script script_ext = {sizeof(warden_plugin_init_script), script};
static const void *get_extension(const warden_plugin *p, const char *id) {
  (void)p;
  return strcmp(id, WARDEN_EXT_INIT_SCRIPT) == 0 ? &script_ext : NULL;
}
static const warden_command noop_cmd = {sizeof(warden_command), "noop", noop, 0};
static const warden_command *const commands[] = {&noop_cmd};
static warden_status init(const warden_host *h, const char *c, void **s, char *e, size_t n) {
  (void)c; (void)e; (void)n;
  g_host = h;
  *s = &g_state;
  return WARDEN_OK;
}
static const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME,
                                     WARDEN_PLUGIN_VERSION, commands, 1, init, NULL, get_extension};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { return abi == WARDEN_ABI_VERSION ? &plugin : NULL; }
