/*
 * Warden plugin ABI — the only binary contract between the Warden host and a plugin.
 *
 * Plain C, no C++ types. Every struct starts with `struct_size` (set to sizeof by whoever
 * fills it) so that either side can tell which fields the other knows; new fields are only
 * ever appended. A reader must check `struct_size` before touching a field that a later ABI
 * revision appended.
 *
 * Ownership is written next to every pointer:
 *   [host-owned]   the host allocated it; the plugin must not free it.
 *   [plugin-owned] the plugin allocated it; the host must not free it.
 * and how long it stays valid.
 *
 * Threads are written next to every function pointer, as CLAP does:
 *   [main-thread]  called only on the host's main thread (the thread that loaded the plugin).
 *   [any-thread]   the plugin may call it from any thread, concurrently.
 *   [pool-thread]  the host calls it on one of its worker threads, possibly concurrently
 *                  with other calls of the same or other commands.
 *
 * No C++ exception may cross this boundary: the C++ wrapper (plugin.hpp) catches them.
 *
 * A plugin library exports one symbol, WARDEN_PLUGIN_ENTRY_SYMBOL, and carries one ELF
 * section, WARDEN_MANIFEST_SECTION, that the host reads without running plugin code (see
 * "Manifest section" at the end of this file). cmake/WardenPlugin.cmake produces both.
 */
#ifndef WARDEN_PLUGIN_H
#define WARDEN_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped only for a change that breaks existing plugins. Appending fields does not. */
#define WARDEN_ABI_VERSION 1u

#define WARDEN_PLUGIN_ENTRY_SYMBOL "warden_plugin_entry"
#define WARDEN_MANIFEST_SECTION ".warden_manifest"

#if defined(__GNUC__) || defined(__clang__)
#define WARDEN_EXPORT __attribute__((visibility("default")))
#else
#define WARDEN_EXPORT
#endif

typedef enum warden_log_level {
  WARDEN_LOG_TRACE = 0,
  WARDEN_LOG_DEBUG = 1,
  WARDEN_LOG_INFO = 2,
  WARDEN_LOG_WARN = 3,
  WARDEN_LOG_ERROR = 4
} warden_log_level;

/* Opaque completion handle of one command call. Exactly one of the host's
 * `resolve_json`, `resolve_bytes`, `reject` or `reject_scope` must be called for it, once; after that the
 * handle is invalid. A command may complete before it returns or later, from any thread. */
typedef struct warden_call warden_call; /* [host-owned] valid until completed, see above */

/* Opaque handle of an open channel (see warden_host::channel_open). */
typedef struct warden_channel warden_channel; /* [host-owned] valid until channel_close */

/* Who made a call. The host fills it from its own state, never from the message. */
typedef struct warden_caller {
  uint32_t struct_size;
  const char *window;  /* [host-owned] window label, NUL-terminated UTF-8; valid until the call completes */
  const char *webview; /* [host-owned] webview label; same lifetime */
  const char *origin;  /* [host-owned] origin of the calling frame, e.g. "app://localhost" or
                          "https://tauri.app"; same lifetime */
} warden_caller;

/* One call of a plugin command, as the host hands it to the command. */
typedef struct warden_request {
  uint32_t struct_size;
  const char *command;      /* [host-owned] command name without the "plugin:<name>|" prefix */
  const char *args_json;    /* [host-owned] arguments, a JSON object as NUL-terminated UTF-8
                               ("{}" when there are none); valid until the call completes */
  size_t args_json_size;    /* length of args_json without the NUL */
  const uint8_t *body;      /* [host-owned] raw bytes when the caller sent binary, else NULL;
                               valid until the call completes */
  size_t body_size;
  const char *scopes_json;  /* [host-owned] the scopes this call was granted, NUL-terminated JSON:
                               {"command": {"allow": [...], "deny": [...]},
                                "global":  {"allow": [...], "deny": [...]}}
                               entries are the permission files' scope values, unchanged;
                               valid until the call completes */
  const warden_caller *caller; /* [host-owned] valid until the call completes */
  warden_call *call;        /* [host-owned] completion handle, see warden_call */
} warden_request;

/* The host's services, handed to the plugin at init. The struct and everything it points
 * to are [host-owned] and valid until the plugin's shutdown returns. */
typedef struct warden_host {
  uint32_t struct_size;
  uint32_t abi_version; /* WARDEN_ABI_VERSION of the host */
  void *host_data;      /* [host-owned] opaque; pass `host` back unchanged */

  /* [any-thread] Writes one log line attributed to the plugin. `message` is copied. */
  void (*log)(const struct warden_host *host, warden_log_level level, const char *message);

  /* [any-thread] Expands a leading path variable ("$HOME/x", "$APPDATA", "$TEMP", ...) into an
   * absolute path. Returns a NUL-terminated string [plugin-owned after return: release it with
   * `free_string`], or NULL when the variable is unknown or the path is not valid UTF-8. */
  char *(*resolve_path)(const struct warden_host *host, const char *path);

  /* [any-thread] Tells whether the absolute, canonical `path` is allowed by the scope entries in
   * `scopes_json` (the request's scopes_json, or any {"allow": [...], "deny": [...]} object whose
   * entries are path strings or objects with a "path" field). Deny wins. Returns 1 allowed,
   * 0 denied, -1 when scopes_json is malformed (treat as denied). */
  int (*path_in_scope)(const struct warden_host *host, const char *path, const char *scopes_json);

  /* [any-thread] Emits `event` with a JSON payload (copied) to the window labelled
   * `target_window`, or to every window when it is NULL. Returns 0 on success, -1 when the
   * event name or payload is invalid. */
  int (*emit)(const struct warden_host *host, const char *event, const char *payload_json,
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
  void (*free_string)(const struct warden_host *host, char *s);

  /* ---- appended after ABI 1's first revision: channels and resources. A plugin reads the
   * fields below only when `struct_size` covers them (WARDEN_HOST_HAS_CHANNELS). ---- */

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
   * (WARDEN_HOST_HAS_REJECT_SCOPE). ---- */

  /* [any-thread] Completes a call that the plugin refused because a scope does not allow it
   * (a path, program, URL or argument outside what the capability granted): the fourth
   * completion, under the same exactly-once rule as `reject`. `detail` (copied, UTF-8) says what
   * was refused and which scope would have allowed it; the host writes it to the audit log with
   * the caller's window, webview and origin. The page receives only a generic "refused by scope"
   * error in release builds (the detail as well in debug builds), as for the host's own
   * refusals, so a hostile page cannot map the scopes by probing. */
  void (*reject_scope)(warden_call *call, const char *detail);

  /* ---- appended: grants of sibling commands. A plugin reads it only when `struct_size` covers
   * it (WARDEN_HOST_HAS_COMMAND_SCOPES). ---- */

  /* [any-thread] The scopes the caller of `call` would be granted for `command`, another command
   * of the same plugin (name without the "plugin:<name>|" prefix), in the shape of
   * warden_request::scopes_json; NULL when that caller may not run it. For an option whose effect
   * is another command's (fs `open` with `write` is `write_file`'s effect): the option needs that
   * command's grant. Returned [plugin-owned: release it with `free_string`]. Call it before
   * `call` completes. */
  char *(*command_scopes)(warden_call *call, const char *command);
} warden_host;

/* Whether `h` (a warden_host*) has the channel and resource functions. */
#define WARDEN_HOST_HAS_CHANNELS(h) \
  ((h)->struct_size >= offsetof(warden_host, resource_close) + sizeof((h)->resource_close))

/* Whether `h` (a warden_host*) has `reject_scope`. An older host has not: complete a refusal
 * with `reject` and a message that names no scope detail (plugin.hpp does so). */
#define WARDEN_HOST_HAS_REJECT_SCOPE(h) \
  ((h)->struct_size >= offsetof(warden_host, reject_scope) + sizeof((h)->reject_scope))

/* Whether `h` (a warden_host*) has command_scopes. */
#define WARDEN_HOST_HAS_COMMAND_SCOPES(h) \
  ((h)->struct_size >= offsetof(warden_host, command_scopes) + sizeof((h)->command_scopes))

/* Returned by init. */
typedef enum warden_status { WARDEN_OK = 0, WARDEN_ERROR = 1 } warden_status;

/* Flags of a command. */
#define WARDEN_COMMAND_BLOCKING 1u /* may block: the host runs it on its worker pool */

/* Runs one command. `state` is what init stored. The command must complete `request->call`
 * exactly once, now or later. It must not keep pointers from `request` past completion.
 * Threads: a command with WARDEN_COMMAND_BLOCKING is [pool-thread]. One without it is quick:
 * the host may run it on its [main-thread] (the UI thread, as Tauri runs synchronous commands),
 * so it must not block, sleep, do slow I/O or wait for anything the main thread does; it
 * completes the call before returning or hands the completion to another thread. */
typedef void (*warden_command_fn)(void *state, const warden_request *request);

typedef struct warden_command {
  uint32_t struct_size;
  const char *name;         /* [plugin-owned] static; command name, [a-z][a-z0-9_]* */
  warden_command_fn invoke; /* see warden_command_fn */
  uint32_t flags;           /* WARDEN_COMMAND_* */
} warden_command;

/* What the plugin hands back from its entry point. The struct and everything it points to
 * are [plugin-owned] and must stay valid until the library is unloaded (static storage). */
typedef struct warden_plugin {
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
  warden_status (*init)(const warden_host *host, const char *config_json, void **state,
                        char *error, size_t error_size);

  /* [main-thread] Called once before unloading, after every call has completed. May be NULL. */
  void (*shutdown)(void *state);

  /* ---- appended after ABI 1's first revision: a host reads the fields below only when
   * `struct_size` covers them (WARDEN_PLUGIN_HAS_INIT_SCRIPT), a plugin that predates them
   * simply has none. ---- */

  /* [main-thread] May be NULL. Called once, right after a successful init. Returns JavaScript
   * (NUL-terminated UTF-8) that the host runs in every frame of every webview at document start,
   * after its bridge and before any page script (Tauri's js_init_script), or NULL for none.
   * [plugin-owned] valid until init_script returns (the host copies it). It runs in every
   * origin the app shows, with no permission check: put only what any page may know in it. */
  const char *(*init_script)(void *state);
} warden_plugin;

/* The size of warden_plugin before init_script was appended (the smallest a host accepts). */
#define WARDEN_PLUGIN_MIN_STRUCT_SIZE (offsetof(warden_plugin, init_script))
/* Whether `p` (a warden_plugin*) is recent enough to have the init_script field. */
#define WARDEN_PLUGIN_HAS_INIT_SCRIPT(p) \
  ((p)->struct_size >= offsetof(warden_plugin, init_script) + sizeof((p)->init_script))

/* The one exported symbol. [main-thread] Called with the host's ABI version, before init;
 * returns the plugin's static description [plugin-owned, valid until unload], or NULL when
 * the plugin cannot work with that host. Must not do anything else (no I/O, no threads). */
typedef const warden_plugin *(*warden_plugin_entry_fn)(uint32_t host_abi_version);

/* The entry point's declaration: a plugin defines exactly this function. */
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t host_abi_version);

/*
 * Manifest section
 * ----------------
 * The section WARDEN_MANIFEST_SECTION holds, little-endian:
 *   offset 0   8 bytes  magic "WARDENMF"
 *   offset 8   u32      manifest format version (WARDEN_MANIFEST_FORMAT_VERSION)
 *   offset 12  u32      WARDEN_ABI_VERSION the plugin was built against
 *   offset 16  u32      length N of the payload
 *   offset 20  N bytes  payload: UTF-8 JSON
 *     {"name": "...", "version": "...", "commands": ["..."],
 *      "files": [{"path": "permissions/default.toml", "text": "..."}]}
 * `files` are the plugin's permission files (TOML or JSON, chosen by the path's extension),
 * including the generated allow-/deny- permission of every command (under
 * "permissions/autogenerated/commands/<command>.toml"). The section holds exactly one
 * manifest: its size is WARDEN_MANIFEST_HEADER_SIZE + N. The host reads this section from
 * the file without loading the library and treats it as untrusted input: names
 * [a-z0-9-] (plugin) and [a-z][a-z0-9_]* (commands), unique commands, relative file paths
 * without "..", every file parsed as a permission file. `warden plugin embed` writes it.
 */
#define WARDEN_MANIFEST_MAGIC "WARDENMF"
#define WARDEN_MANIFEST_FORMAT_VERSION 1u
#define WARDEN_MANIFEST_HEADER_SIZE 20u

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WARDEN_PLUGIN_H */
