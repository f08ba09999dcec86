/*
 * Warden plugin ABI — the only binary contract between the Warden host and a plugin.
 *
 * Plain C, no C++ types. Every struct starts with `struct_size` (set to sizeof by whoever
 * fills it) so that either side can tell which fields the other knows; new fields are only
 * ever appended, and each appended group is marked with the SDK version that added it
 * ("---- added in SDK 1.x ----", SQLite's rule). A reader must check `struct_size` before
 * touching a field that a later SDK appended.
 *
 * The core is small: warden_host carries the host's identity, logging, freeing and the
 * completion of calls; warden_plugin carries the plugin's description, init and shutdown.
 * Everything else is an EXTENSION, looked up by a versioned id, as CLAP does:
 *
 *   const warden_host_channels *ch =
 *       (const warden_host_channels *)host->get_extension(host, WARDEN_EXT_CHANNELS);
 *   if (!ch) ...  // this host has no channels: work without them, or refuse in init
 *
 * One header per extension under warden/ext/ ("warden.channels/1" in warden/ext/channels.h).
 * An extension's struct only grows by appended fields (check its struct_size); an incompatible
 * change is a new id ("warden.channels/2"). Every new host service is an extension.
 * The plugin offers its own optional interfaces the same way (warden_plugin::get_extension,
 * e.g. "warden.init-script/1" in warden/ext/init_script.h).
 *
 * Return convention (every function of this header and of warden/ext/):
 *   - a function that can fail returns `int`: 0 on success, a negative value on failure
 *     (-1 unless the function documents others); never a positive error;
 *   - a predicate returns 1 (yes), 0 (no), or a negative value when it cannot answer (treat
 *     it as no);
 *   - a function that returns a pointer returns NULL for "none" or "failed";
 *   - a string the plugin passes in is copied by the host before the call returns, unless the
 *     function says otherwise.
 *   (warden_plugin::init keeps its warden_status: WARDEN_OK is 0.)
 *
 * Ownership is written next to every pointer, with how long it stays valid:
 *   [host-owned]    the host allocated it; the plugin must not free it.
 *   [plugin-owned]  the plugin allocated it; the host must not free it.
 *   [transferred: release with host->free_string]
 *                   the host allocated it and hands it over: the plugin owns it now and
 *                   releases it with warden_host::free_string (never with free()).
 *
 * Threads are written next to every function pointer, as CLAP does:
 *   [main-thread]  called only on the host's main thread (the thread that loaded the plugin,
 *                  the UI thread).
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

/* Bumped only for a change that breaks existing plugins (2: the host's services became
 * extensions). Appending fields does not. A host loads ABI-1 plugins through a shim. */
#define WARDEN_ABI_VERSION 2u

/* The SDK release this header belongs to; appended groups are marked with it. */
#define WARDEN_SDK_VERSION_MAJOR 1
#define WARDEN_SDK_VERSION_MINOR 0
#define WARDEN_SDK_VERSION_PATCH 0
#define WARDEN_SDK_VERSION "1.0.0"

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
 * `resolve_json`, `resolve_bytes`, `reject` or `reject_scope` must be called for it, once;
 * after that the handle is invalid. A command may complete before it returns or later, from
 * any thread. Extensions that act for a call take it as their first parameter. */
typedef struct warden_call warden_call; /* [host-owned] valid until completed, see above */

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

/* The host's core, handed to the plugin at init. The struct and everything it points to are
 * [host-owned] and valid until the plugin's shutdown returns. Everything not here is an
 * extension (get_extension). */
typedef struct warden_host {
  uint32_t struct_size;     /* sizeof(warden_host) of the host */
  uint32_t abi_version;     /* WARDEN_ABI_VERSION of the host */
  void *host_data;          /* [host-owned] opaque; pass `host` back unchanged */

  /* ---- added in SDK 1.0 ---- */

  const char *host_name;    /* [host-owned] static, e.g. "warden" */
  const char *host_version; /* [host-owned] static, the host's release, e.g. "0.9.0" */
  const char *sdk_version;  /* [host-owned] static, WARDEN_SDK_VERSION the host was built with */

  /* [any-thread] Writes one log line attributed to the plugin. `message` is copied. */
  void (*log)(const struct warden_host *host, warden_log_level level, const char *message);

  /* [any-thread] Releases a string marked [transferred: release with host->free_string].
   * NULL is ignored. */
  void (*free_string)(const struct warden_host *host, char *s);

  /* Completion of a call: exactly one of the four below, exactly once per call. A second
   * completion that happens while the command's invoke is still running is ignored and
   * logged; one after that is undefined behaviour (the handle may be freed).
   * [any-thread] Completes a call with a JSON value (copied; `json` need not be
   * NUL-terminated). Invalid JSON turns the call into an error. */
  void (*resolve_json)(warden_call *call, const char *json, size_t size);
  /* [any-thread] Completes a call with raw bytes (copied). */
  void (*resolve_bytes)(warden_call *call, const uint8_t *data, size_t size);
  /* [any-thread] Completes a call with an error message (copied, UTF-8). */
  void (*reject)(warden_call *call, const char *message);
  /* [any-thread] Completes a call that the plugin refused because a scope does not allow it
   * (a path, program, URL or argument outside what the capability granted). `detail` (copied,
   * UTF-8) says what was refused and which scope would have allowed it; the host writes it to
   * the audit log with the caller's window, webview and origin. The page receives only a
   * generic "refused by scope" error in release builds (the detail as well in debug builds),
   * as for the host's own refusals, so a hostile page cannot map the scopes by probing. */
  void (*reject_scope)(warden_call *call, const char *detail);

  /* [any-thread] The host's extension `id` (e.g. WARDEN_EXT_CHANNELS, "warden.channels/1"): a
   * pointer to its static vtable struct [host-owned, valid until the plugin's shutdown
   * returns; cast it to the extension's struct and check its struct_size], or NULL when this
   * host lacks it (the plugin then works without it, or refuses in init with a clear reason).
   * `id` is compared as a whole: "warden.channels/2" is another extension. */
  const void *(*get_extension)(const struct warden_host *host, const char *id);
} warden_host;

/* The smallest warden_host an ABI-2 host hands out (everything up to get_extension). */
#define WARDEN_HOST_MIN_STRUCT_SIZE (offsetof(warden_host, get_extension) + sizeof(void *))

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
  uint32_t struct_size;     /* sizeof(warden_plugin) of the plugin */
  uint32_t abi_version;     /* WARDEN_ABI_VERSION the plugin was built against */
  const char *name;         /* [plugin-owned] static; plugin name, [a-z0-9-]; must equal the
                               manifest section's */
  const char *version;      /* [plugin-owned] static; semantic version string; must equal the
                               manifest section's */
  /* Command table: `command_count` pointers, each to one warden_command. An array of
   * pointers rather than of structs, so that a later revision can append fields to
   * warden_command without changing the stride the host reads with. Must list exactly the
   * commands the manifest section declares, each name once. */
  const warden_command *const *commands; /* [plugin-owned] static, like everything here */
  size_t command_count;

  /* [main-thread] Called once after loading. `host` [host-owned] stays valid until shutdown
   * returns. `config_json` [host-owned, valid during the call] is the app config's
   * plugins.<name> object without the host's own keys ("path", "sha256" and any the host adds
   * later), "{}" when absent: refuse keys you do not know. On success store the plugin's state
   * in *state and return WARDEN_OK; on failure write a NUL-terminated reason into `error` (a
   * host buffer of `error_size` bytes) and return WARDEN_ERROR: the plugin is then refused and
   * shutdown is not called. A plugin that cannot work without an extension the host lacks
   * refuses here, naming the extension. */
  warden_status (*init)(const warden_host *host, const char *config_json, void **state,
                        char *error, size_t error_size);

  /* [main-thread] Called once before unloading, after every call has completed. May be NULL. */
  void (*shutdown)(void *state);

  /* ---- added in SDK 1.0 ---- */

  /* [main-thread] The plugin's extension `id` (e.g. WARDEN_EXT_INIT_SCRIPT), a pointer to its
   * vtable struct [plugin-owned, static: valid until unload], or NULL when the plugin does not
   * offer it. The host asks after a successful init. May be NULL: the plugin offers none.
   * Every id the manifest section lists under "extensions"."offers" must be answered. */
  const void *(*get_extension)(const struct warden_plugin *plugin, const char *id);
} warden_plugin;

/* The smallest warden_plugin an ABI-2 host accepts (everything up to get_extension). */
#define WARDEN_PLUGIN_MIN_STRUCT_SIZE (offsetof(warden_plugin, get_extension) + sizeof(void *))

/* The one exported symbol. [main-thread] Called with the host's ABI version, before init;
 * returns the plugin's static description [plugin-owned, valid until unload], or NULL when
 * the plugin cannot work with a host of that ABI (the host then refuses it, saying so).
 * Must not do anything else (no I/O, no threads). */
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
 *      "files": [{"path": "permissions/default.toml", "text": "..."}],
 *      "extensions": {"uses": ["warden.channels/1", ...], "offers": ["warden.init-script/1"]}}
 * `files` are the plugin's permission files (TOML or JSON, chosen by the path's extension),
 * including the generated allow-/deny- permission of every command (under
 * "permissions/autogenerated/commands/<command>.toml"). The section holds exactly one
 * manifest: its size is WARDEN_MANIFEST_HEADER_SIZE + N. The host reads this section from
 * the file without loading the library and treats it as untrusted input: names
 * [a-z0-9-] (plugin) and [a-z][a-z0-9_]* (commands), unique commands, relative file paths
 * without "..", every file parsed as a permission file. `warden plugin embed` writes it.
 * "extensions" (optional, SDK 1.0) declares the host extensions the plugin asks for ("uses")
 * and the plugin extensions it answers through warden_plugin::get_extension ("offers"): ids
 * matching warden\.[a-z0-9-]+/[0-9]+, at most 64 in each list (warden_add_plugin's
 * USES_EXTENSIONS / OFFERS_EXTENSIONS). "uses" is information (`warden plugin inspect` shows
 * which of them this host has; a plugin still gets NULL for one the host lacks); "offers" is
 * checked at load: an offered id the plugin does not answer is refused.
 * The ABI at offset 12 decides how the host loads the library: 2 is this header; a library
 * whose section says 1 was built against the ABI-1 header and is loaded through the host's
 * compatibility shim (a frozen ABI-1 warden_host; every ABI-1 function keeps working).
 */
#define WARDEN_MANIFEST_MAGIC "WARDENMF"
#define WARDEN_MANIFEST_FORMAT_VERSION 1u
#define WARDEN_MANIFEST_HEADER_SIZE 20u

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WARDEN_PLUGIN_H */
