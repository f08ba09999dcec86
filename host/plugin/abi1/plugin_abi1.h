/*
 * The ABI-1 layout of warden_host and warden_plugin, frozen: a verbatim copy of the two structs
 * (and their macros) of sdk/include/warden/plugin.h as it was before SDK 1 / ABI 2 (commit
 * 1d61518), renamed warden_abi1_host / warden_abi1_plugin so that the host can include both.
 * A plugin whose manifest section says ABI 1 was built against that header; the host hands it a
 * warden_abi1_host whose functions forward to the ABI-2 implementations (abi1_host.cpp).
 *
 * Every other type (warden_call, warden_channel, warden_caller, warden_request, warden_command,
 * warden_log_level, warden_status) kept its ABI-1 layout in ABI 2 and is shared from plugin.h;
 * abi1_host.cpp asserts that. Never edit this file: ABI 1 is what old plugins were compiled with.
 */
#ifndef WARDEN_PLUGIN_ABI1_H
#define WARDEN_PLUGIN_ABI1_H

#include "warden/ext/channels.h"
#include "warden/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_ABI1_VERSION 1u

/* The host's services, handed to the plugin at init. The struct and everything it points
 * to are [host-owned] and valid until the plugin's shutdown returns. */
typedef struct warden_abi1_host {
  uint32_t struct_size;
  uint32_t abi_version; /* WARDEN_ABI_VERSION of the host */
  void *host_data;      /* [host-owned] opaque; pass `host` back unchanged */

  /* [any-thread] Writes one log line attributed to the plugin. `message` is copied. */
  void (*log)(const struct warden_abi1_host *host, warden_log_level level, const char *message);

  /* [any-thread] Expands a leading path variable ("$HOME/x", "$APPDATA", "$TEMP", ...) into an
   * absolute path. Returns a NUL-terminated string [plugin-owned after return: release it with
   * `free_string`], or NULL when the variable is unknown or the path is not valid UTF-8. */
  char *(*resolve_path)(const struct warden_abi1_host *host, const char *path);

  /* [any-thread] Tells whether the absolute, canonical `path` is allowed by the scope entries in
   * `scopes_json` (the request's scopes_json, or any {"allow": [...], "deny": [...]} object whose
   * entries are path strings or objects with a "path" field). Deny wins. Returns 1 allowed,
   * 0 denied, -1 when scopes_json is malformed (treat as denied). */
  int (*path_in_scope)(const struct warden_abi1_host *host, const char *path, const char *scopes_json);

  /* [any-thread] Emits `event` with a JSON payload (copied) to the window labelled
   * `target_window`, or to every window when it is NULL. Returns 0 on success, -1 when the
   * event name or payload is invalid. */
  int (*emit)(const struct warden_abi1_host *host, const char *event, const char *payload_json,
              const char *target_window);

  /* Completion of a call: exactly one of these three (or `reject_scope`, appended below),
   * exactly once per call. A second
   * completion that happens while the command's invoke is still running is ignored and
   * logged; one after that is undefined behaviour (the handle may be freed).
   * [any-thread] Completes a call with a JSON value (copied; `json` need not be
   * NUL-terminated). Invalid JSON turns the call into an error. */
  void (*resolve_json)(warden_call *call, const char *json, size_t size);
  /* [any-thread] Completes a call with raw bytes (copied). */
  void (*resolve_bytes)(warden_call *call, const uint8_t *data, size_t size);
  /* [any-thread] Completes a call with an error message (copied, UTF-8). */
  void (*reject)(warden_call *call, const char *message);

  /* [any-thread] Releases a string the host returned as [plugin-owned]. NULL is ignored. */
  void (*free_string)(const struct warden_abi1_host *host, char *s);

  /* ---- appended after ABI 1's first revision: channels and resources. A plugin reads the
   * fields below only when `struct_size` covers them (WARDEN_ABI1_HOST_HAS_CHANNELS). ---- */

  /* Channels: a page passes a @tauri-apps/api `Channel` as an argument, which arrives as the
   * string "__CHANNEL__:<id>"; the plugin streams messages to it, during the call or long after
   * (a file watcher, a child process's output).
   * [any-thread] Opens the channel that argument `reference` names, bound to the webview that
   * made `call`. Must be called before `call` completes. Returns a handle [host-owned, valid
   * until channel_close], or NULL when `reference` is not a channel reference. */
  warden_channel *(*channel_open)(warden_call *call, const char *reference);
  /* [any-thread] Sends one JSON message (copied; `json` need not be NUL-terminated). Messages
   * of one channel arrive in the order sent. Returns 0, or -1 when `json` is invalid (nothing
   * sent). A message to a webview that has gone away is dropped. */
  int (*channel_send)(warden_channel *channel, const char *json, size_t size);
  /* [any-thread] Ends the channel for the page and frees the handle: exactly once per handle. */
  void (*channel_close)(warden_channel *channel);

  /* Resources: plugin objects a page refers to by number (Tauri's ResourceId), e.g. open files.
   * A resource belongs to its caller: the page (one document of one webview; the next document
   * the webview shows is another page) and the frame origin that made the call. Only that caller
   * can name it: another frame's origin, or a later page, gets the same answer as for an id that
   * does not exist.
   * [any-thread] Adds `object` as a resource of the caller of `call` and returns its id (> 0),
   * or 0 on failure (no resource table, or the caller's page is already gone), in which case
   * `close` has already been called. The host calls `close(object)` exactly once [any-thread],
   * once the resource has been removed (the page called plugin:resources|close, the plugin
   * called resource_close, the caller's page went away: another document, a crash or the
   * window's end, or the plugin is about to shut down) and no call holds it any more (see
   * resource_get). */
  uint32_t (*resource_add)(warden_call *call, void *object, void (*close)(void *object));
  /* [any-thread] The object of resource `rid` when it belongs to the caller of `call` (same
   * webview, page and frame origin) and was added by this plugin; NULL otherwise. The object
   * stays valid (is not closed) at least until `call` completes. */
  void *(*resource_get)(warden_call *call, uint32_t rid);
  /* [any-thread] Removes resource `rid` under the same rule as resource_get; its `close` runs
   * once no call holds it. Returns 0, or -1 when there is no such resource. */
  int (*resource_close)(warden_call *call, uint32_t rid);

  /* ---- appended in ABI 1, third revision (the security fixes of issue 12): scope refusals.
   * A plugin reads the field below only when `struct_size` covers it
   * (WARDEN_ABI1_HOST_HAS_REJECT_SCOPE). ---- */

  /* [any-thread] Completes a call that the plugin refused because a scope does not allow it
   * (a path, program, URL or argument outside what the capability granted): the fourth
   * completion, under the same exactly-once rule as `reject`. `detail` (copied, UTF-8) says what
   * was refused and which scope would have allowed it; the host writes it to the audit log with
   * the caller's window, webview and origin. The page receives only a generic "refused by scope"
   * error in release builds (the detail as well in debug builds), as for the host's own
   * refusals, so a hostile page cannot map the scopes by probing. */
  void (*reject_scope)(warden_call *call, const char *detail);

  /* ---- appended: grants of sibling commands. A plugin reads it only when `struct_size` covers
   * it (WARDEN_ABI1_HOST_HAS_COMMAND_SCOPES). ---- */

  /* [any-thread] The scopes the caller of `call` would be granted for `command`, another command
   * of the same plugin (name without the "plugin:<name>|" prefix), in the shape of
   * warden_request::scopes_json; NULL when that caller may not run it. For an option whose effect
   * is another command's (fs `open` with `write` is `write_file`'s effect): the option needs that
   * command's grant. Returned [plugin-owned: release it with `free_string`]. Call it before
   * `call` completes. */
  char *(*command_scopes)(warden_call *call, const char *command);
} warden_abi1_host;

/* Whether `h` (a warden_host*) has the channel and resource functions. */
#define WARDEN_ABI1_HOST_HAS_CHANNELS(h) \
  ((h)->struct_size >= offsetof(warden_abi1_host, resource_close) + sizeof((h)->resource_close))

/* Whether `h` (a warden_host*) has `reject_scope`. An older host has not: complete a refusal
 * with `reject` and a message that names no scope detail (plugin.hpp does so). */
#define WARDEN_ABI1_HOST_HAS_REJECT_SCOPE(h) \
  ((h)->struct_size >= offsetof(warden_abi1_host, reject_scope) + sizeof((h)->reject_scope))

/* Whether `h` (a warden_host*) has command_scopes. */
#define WARDEN_ABI1_HOST_HAS_COMMAND_SCOPES(h) \
  ((h)->struct_size >= offsetof(warden_abi1_host, command_scopes) + sizeof((h)->command_scopes))

/* What the plugin hands back from its entry point. The struct and everything it points to
 * are [plugin-owned] and must stay valid until the library is unloaded (static storage). */
typedef struct warden_abi1_plugin {
  uint32_t struct_size;
  uint32_t abi_version;     /* WARDEN_ABI_VERSION the plugin was built against */
  const char *name;         /* [plugin-owned] static; plugin name, [a-z0-9-]; must equal the
                               manifest section's */
  const char *version;      /* [plugin-owned] static; semantic version string; must equal the
                               manifest section's */
  /* Command table: `command_count` pointers, each to one warden_command. An array of
   * pointers rather than of structs, so that a later ABI revision can append fields to
   * warden_command without changing the stride the host reads with. Must list exactly the
   * commands the manifest section declares, each name once. */
  const warden_command *const *commands; /* [plugin-owned] static, like everything here */
  size_t command_count;

  /* [main-thread] Called once after loading. `config_json` [host-owned, valid during the call]
   * is the app config's plugins.<name> object without the host's own keys ("path", "sha256" and
   * any the host adds later), "{}" when absent: refuse keys you do not know. On success store
   * the plugin's state in *state and return WARDEN_OK; on failure write a NUL-terminated reason into
   * `error` (a host buffer of `error_size` bytes) and return WARDEN_ERROR: the plugin is then
   * refused and shutdown is not called. */
  warden_status (*init)(const warden_abi1_host *host, const char *config_json, void **state,
                        char *error, size_t error_size);

  /* [main-thread] Called once before unloading, after every call has completed. May be NULL. */
  void (*shutdown)(void *state);

  /* ---- appended after ABI 1's first revision: a host reads the fields below only when
   * `struct_size` covers them (WARDEN_ABI1_PLUGIN_HAS_INIT_SCRIPT), a plugin that predates them
   * simply has none. ---- */

  /* [main-thread] May be NULL. Called once, right after a successful init. Returns JavaScript
   * (NUL-terminated UTF-8) that the host runs in every frame of every webview at document start,
   * after its bridge and before any page script (Tauri's js_init_script), or NULL for none.
   * [plugin-owned] valid until init_script returns (the host copies it). It runs in every
   * origin the app shows, with no permission check: put only what any page may know in it. */
  const char *(*init_script)(void *state);
} warden_abi1_plugin;

/* The size of warden_plugin before init_script was appended (the smallest a host accepts). */
#define WARDEN_ABI1_PLUGIN_MIN_STRUCT_SIZE (offsetof(warden_abi1_plugin, init_script))
/* Whether `p` (a warden_plugin*) is recent enough to have the init_script field. */
#define WARDEN_ABI1_PLUGIN_HAS_INIT_SCRIPT(p) \
  ((p)->struct_size >= offsetof(warden_abi1_plugin, init_script) + sizeof((p)->init_script))

/* ABI 1's entry point: called with 1, returns a warden_abi1_plugin. */
typedef const warden_abi1_plugin *(*warden_abi1_plugin_entry_fn)(uint32_t host_abi_version);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WARDEN_PLUGIN_ABI1_H */
