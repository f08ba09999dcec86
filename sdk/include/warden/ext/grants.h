/*
 * warden.grants/1 — extend another scope for one window, with the user's choice as the reason.
 *
 * A path the user picks in a native dialog is the user's grant, as in Tauri: the dialog plugin
 * hands it to the window that asked, so that the page may then read the folder it was given with
 * the fs plugin, or show the picked image through the asset protocol, though no capability lists
 * that path. The host decides whether such a grant is allowed at all: only where the app config
 * says so, in the host-owned key `plugins.<granting plugin>.grants` (e.g.
 * `"plugins": {"dialog": {"grants": ["fs", "asset"]}}`); without it every grant is refused.
 *
 *   const warden_host_grants *g =
 *       (const warden_host_grants *)host->get_extension(host, WARDEN_EXT_GRANTS);
 *
 * A grant lasts for this run and reaches only the calling window (by label) and the origin its
 * page had; it goes when that window closes (a later window of the same label starts without it).
 * It never reaches a host-private folder (they stay refused inside a granted folder too). Each
 * grant and each refusal is an audit line (granting plugin, window, webview, origin, scope, path,
 * recursive, outcome); the fs scope changes through the authority's atomic swap, so a check in
 * flight keeps the ACL it started with. The model: docs/grants.md.
 * NULL from get_extension: this host cannot grant; the plugin works on without granting.
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_GRANTS_H
#define WARDEN_EXT_GRANTS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_GRANTS "warden.grants/1"

/* Flags of grant_path. */
#define WARDEN_GRANT_RECURSIVE 1u /* a folder with everything below it, not only its entries */

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_grants {
  uint32_t struct_size; /* sizeof(warden_host_grants) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread; from another thread than the main one it waits for the main thread, where the
   * host makes every grant] Grants the absolute `path` to the window that made `call`, for this
   * run, in the scope named `scope`:
   *   "fs"     the fs plugin's scope (plugin:fs commands the window may already run then reach
   *            the path: a file as itself, a folder with its entries, or with everything below it
   *            when `flags` has WARDEN_GRANT_RECURSIVE),
   *   "asset"  the asset protocol's scope (app.security.assetProtocol; nothing when the app has
   *            not enabled the protocol).
   * The path is canonicalized as warden.path-scope/1's check_path does and granted as exactly
   * that path (glob metacharacters in it match only themselves); a path that is or lies inside a
   * host-private folder is refused, as is a relative or non-UTF-8 path. A window holds a bounded
   * number of grants per run (1024 patterns per scope; a folder counts two).
   * Call it before `call` completes (a deferred call is fine).
   * Returns 1 granted;
   *         0 refused: the app config does not let this plugin grant `scope`, the scope is
   *           unknown, the asset protocol is off, the path is private or cannot be
   *           canonicalized, the window's bound is reached, the window has closed, or this host
   *           is not running an app;
   *         negative: malformed input (NULL argument, a flag this host does not know, `call`
   *           already completed).
   * On 0 and negative, *reason = why [transferred: release with host->free_string] (for the
   * plugin's log, not for the page); `reason` may be NULL (not wanted). `scope` and `path` are
   * copied. */
  int (*grant_path)(warden_call *call, const char *scope, const char *path, uint32_t flags, char **reason);
} warden_host_grants;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_GRANTS_H */
