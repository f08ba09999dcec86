/* A plugin in plain C, on the raw ABI: no C++ wrapper, no Boost. */
#include <stdio.h>
#include <string.h>

#include <warden/ext/channels.h>
#include <warden/plugin.h>

static const warden_host *g_host;

static void hello(void *state, const warden_request *request) {
  (void)state;
  char json[512];
  snprintf(json, sizeof json, "{\"hello\":\"%s\",\"args\":%s}", request->caller->window, request->args_json);
  g_host->resolve_json(request->call, json, strlen(json));
}

static void refuse(void *state, const warden_request *request) {
  (void)state;
  g_host->reject(request->call, "refused by plain C");
}

/* A scope refusal on the raw ABI (reject_scope is part of the core). */
static void out_of_scope(void *state, const warden_request *request) {
  (void)state;
  g_host->reject_scope(request->call, "'/etc' is outside $HOME/**");
}

/* Asks for an extension no host has (NULL) next to one this host has, and works on. */
static void extensions(void *state, const warden_request *request) {
  char json[256];
  const void *unknown = g_host->get_extension(g_host, "warden.no-such-thing/1");
  const warden_host_channels *channels =
      (const warden_host_channels *)g_host->get_extension(g_host, WARDEN_EXT_CHANNELS);
  (void)state;
  snprintf(json, sizeof json, "{\"unknown\":%s,\"channels\":%s,\"host\":\"%s %s\",\"sdk\":\"%s\"}",
           unknown ? "\"present\"" : "null", channels && channels->struct_size >= sizeof *channels ? "true" : "false",
           g_host->host_name, g_host->host_version, g_host->sdk_version);
  g_host->resolve_json(request->call, json, strlen(json));
}

static const warden_command hello_cmd = {sizeof(warden_command), "hello", hello, 0};
static const warden_command refuse_cmd = {sizeof(warden_command), "refuse", refuse, 0};
static const warden_command out_of_scope_cmd = {sizeof(warden_command), "out_of_scope", out_of_scope, 0};
static const warden_command extensions_cmd = {sizeof(warden_command), "extensions", extensions, 0};
static const warden_command *const commands[] = {&hello_cmd, &refuse_cmd, &out_of_scope_cmd, &extensions_cmd};

static warden_status init(const warden_host *host, const char *config_json, void **state, char *error,
                          size_t error_size) {
  (void)config_json;
  (void)error;
  (void)error_size;
  g_host = host;
  *state = NULL;
  host->log(host, WARDEN_LOG_INFO, "plain C plugin ready");
  return WARDEN_OK;
}

static const warden_plugin plugin = {
    sizeof(warden_plugin), WARDEN_ABI_VERSION, WARDEN_PLUGIN_NAME, WARDEN_PLUGIN_VERSION,
    commands, sizeof commands / sizeof commands[0], init, NULL, NULL};

WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t host_abi_version) {
  return host_abi_version == WARDEN_ABI_VERSION ? &plugin : NULL;
}
