/* A plugin built against the ABI-1 header (include/warden/plugin.h, a verbatim copy of the SDK's
 * header before SDK 1 / ABI 2), in plain C: one command per ABI-1 host function, so that the
 * compatibility shim is shown to forward every one of them. */
#include <stdio.h>
#include <string.h>

#include <warden/plugin.h>

static const warden_host *g_host;
static int g_state = 1;
static int g_closed = 0; /* resources closed by the host */

static void resolve_text(warden_call *call, const char *json) { g_host->resolve_json(call, json, strlen(json)); }

static void hello(void *state, const warden_request *r) {
  char json[512];
  g_host->log(g_host, WARDEN_LOG_INFO, "abi1 hello");
  snprintf(json, sizeof json, "{\"window\":\"%s\",\"state\":%d,\"args\":%s}", r->caller->window,
           state == &g_state, r->args_json);
  resolve_text(r->call, json);
}

static void fail(void *state, const warden_request *r) {
  (void)state;
  g_host->reject(r->call, "abi1 failure");
}

static void bytes(void *state, const warden_request *r) {
  static const uint8_t data[] = {1, 2, 3};
  (void)state;
  g_host->resolve_bytes(r->call, data, sizeof data);
}

static void resolve(void *state, const warden_request *r) {
  char json[1024];
  char *p = g_host->resolve_path(g_host, "$HOME/abi1.txt");
  char *none = g_host->resolve_path(g_host, "$NOPE/x");
  (void)state;
  snprintf(json, sizeof json, "{\"path\":\"%s\",\"unknown\":%s}", p ? p : "", none ? "\"?\"" : "null");
  g_host->free_string(g_host, p);
  g_host->free_string(g_host, none);
  resolve_text(r->call, json);
}

static void in_scope(void *state, const warden_request *r) {
  char json[64];
  int yes = g_host->path_in_scope(g_host, "/abi1/a", "{\"allow\":[\"/abi1/*\"]}");
  int no = g_host->path_in_scope(g_host, "/abi1/a", "{\"allow\":[\"/other/*\"]}");
  int bad = g_host->path_in_scope(g_host, "/abi1/a", "{not json");
  (void)state;
  snprintf(json, sizeof json, "[%d,%d,%d]", yes, no, bad);
  resolve_text(r->call, json);
}

static void emit(void *state, const warden_request *r) {
  char json[64];
  int ok = g_host->emit(g_host, "abi1:event", "{\"n\":1}", NULL);
  int bad = g_host->emit(g_host, "bad name!", "{}", NULL);
  (void)state;
  snprintf(json, sizeof json, "[%d,%d]", ok, bad);
  resolve_text(r->call, json);
}

/* args {"onEvent": "__CHANNEL__:<id>"}: two messages, then the channel's end. */
static void stream(void *state, const warden_request *r) {
  char ref[64] = {0};
  const char *at = strstr(r->args_json, "__CHANNEL__:");
  warden_channel *ch;
  (void)state;
  if (at) {
    size_t n = strcspn(at, "\"");
    if (n < sizeof ref) memcpy(ref, at, n);
  }
  if (!WARDEN_HOST_HAS_CHANNELS(g_host) || !(ch = g_host->channel_open(r->call, ref))) {
    g_host->reject(r->call, "no channel");
    return;
  }
  g_host->channel_send(ch, "{\"i\":0}", 7);
  g_host->channel_send(ch, "{\"i\":1}", 7);
  g_host->channel_close(ch);
  resolve_text(r->call, "true");
}

static int g_object = 42;
static void close_object(void *object) {
  if (object == &g_object) ++g_closed;
}

static void resource(void *state, const warden_request *r) {
  char json[128];
  uint32_t rid = g_host->resource_add(r->call, &g_object, close_object);
  void *got = rid ? g_host->resource_get(r->call, rid) : NULL;
  int closed = rid ? g_host->resource_close(r->call, rid) : -2;
  int again = g_host->resource_close(r->call, rid);
  (void)state;
  snprintf(json, sizeof json, "{\"rid\":%u,\"got\":%s,\"closed\":%d,\"again\":%d}", (unsigned)rid,
           got == &g_object ? "true" : "false", closed, again);
  resolve_text(r->call, json);
}

static void closed(void *state, const warden_request *r) {
  char json[16];
  (void)state;
  snprintf(json, sizeof json, "%d", g_closed);
  resolve_text(r->call, json);
}

static void refuse(void *state, const warden_request *r) {
  (void)state;
  if (WARDEN_HOST_HAS_REJECT_SCOPE(g_host)) g_host->reject_scope(r->call, "'/etc' is outside the abi1 scope");
  else g_host->reject(r->call, "refused by scope");
}

static void scopes(void *state, const warden_request *r) {
  char *s = WARDEN_HOST_HAS_COMMAND_SCOPES(g_host) ? g_host->command_scopes(r->call, "hello") : NULL;
  (void)state;
  resolve_text(r->call, s ? s : "null");
  g_host->free_string(g_host, s);
}

static const char *script(void *state) { return state == &g_state ? "window.__abi1 = 1;" : "window.__abi1 = 0;"; }

#define COMMAND(n) static const warden_command n##_cmd = {sizeof(warden_command), #n, n, 0};
COMMAND(hello) COMMAND(fail) COMMAND(bytes) COMMAND(resolve) COMMAND(in_scope) COMMAND(emit) COMMAND(stream)
COMMAND(resource) COMMAND(closed) COMMAND(refuse) COMMAND(scopes)
static const warden_command *const commands[] = {&hello_cmd,  &fail_cmd,     &bytes_cmd,  &resolve_cmd,
                                                 &in_scope_cmd, &emit_cmd,   &stream_cmd, &resource_cmd,
                                                 &closed_cmd, &refuse_cmd,   &scopes_cmd};

static warden_status init(const warden_host *host, const char *config_json, void **state, char *error,
                          size_t error_size) {
  if (host->abi_version != 1 || strcmp(config_json, "{}") != 0) {
    snprintf(error, error_size, "abi1 plugin: host ABI %u, config %s", (unsigned)host->abi_version, config_json);
    return WARDEN_ERROR;
  }
  g_host = host;
  *state = &g_state;
  return WARDEN_OK;
}

static const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME,
                                     WARDEN_PLUGIN_VERSION, commands, sizeof commands / sizeof commands[0],
                                     init, NULL, script};

WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t host_abi_version) {
  return host_abi_version == WARDEN_ABI_VERSION ? &plugin : NULL;
}
