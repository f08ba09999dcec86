/* A static constructor that writes a marker file (path in $WARDEN_TEST_MARKER) when the library
 * is loaded: proves that `warden plugin inspect` and `ls` never run plugin code. */
#include <stdio.h>
#include <stdlib.h>

#include <warden/plugin.h>

__attribute__((constructor)) static void write_marker(void) {
  const char *path = getenv("WARDEN_TEST_MARKER");
  if (!path) return;
  FILE *f = fopen(path, "w");
  if (f) {
    fputs("plugin code ran\n", f);
    fclose(f);
  }
}

static const warden_host *g_host;
static void noop(void *state, const warden_request *request) {
  (void)state;
  g_host->resolve_json(request->call, "true", 4);
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
                                     WARDEN_PLUGIN_VERSION, commands, 1, init, NULL, NULL};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { (void)abi; return &plugin; }
