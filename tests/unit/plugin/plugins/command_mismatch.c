/* Refusal: the section declares alpha and beta, the command table has alpha and gamma. */
#include <stddef.h>

#include <warden/plugin.h>

static void run(void *state, const warden_request *request) { (void)state; (void)request; }

static const warden_command alpha = {sizeof(warden_command), "alpha", run, 0};
static const warden_command gamma_cmd = {sizeof(warden_command), "gamma", run, 0};
static const warden_command *const commands[] = {&alpha, &gamma_cmd};

static warden_status init(const warden_host *h, const char *c, void **s, char *e, size_t n) {
  (void)h; (void)c; (void)e; (void)n;
  *s = NULL;
  return WARDEN_OK;
}

static const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME,
                                     WARDEN_PLUGIN_VERSION, commands, 2, init, NULL, NULL};

WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { (void)abi; return &plugin; }
