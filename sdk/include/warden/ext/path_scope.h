/*
 * warden.path-scope/1 — the host's one definition of where a path leads and whether a call may
 * reach it.
 *
 * A plugin that touches files must not judge paths itself: the host canonicalizes the path the
 * way the kernel walks it, judges that canonical path against the call's scopes and against the
 * host-private folders (the log folder inside $APPDATA, and later the host's own state, which
 * no scope can grant), and hands back the path it judged. The plugin then opens exactly that
 * path without following any symlink (warden/scoped_file.hpp), so a symlink swapped in between
 * the check and the open makes the open fail instead of leading elsewhere.
 *
 *   const warden_host_path_scope *ps =
 *       (const warden_host_path_scope *)host->get_extension(host, WARDEN_EXT_PATH_SCOPE);
 *
 * NULL: this host has no path-scope service; a plugin that needs it refuses in init.
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_PATH_SCOPE_H
#define WARDEN_EXT_PATH_SCOPE_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_PATH_SCOPE "warden.path-scope/1"

typedef struct warden_host_path_scope {
  uint32_t struct_size; /* sizeof(warden_host_path_scope) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Expands a leading path variable ("$HOME/x", "$APPDATA", "$TEMP", ...) into an
   * absolute path, lexically normalised ("." and "a/.." dropped, no trailing '/'); an absolute
   * path without a variable is only normalised. Symlinks are not resolved and nothing is judged.
   * Returns a NUL-terminated string [transferred: release with host->free_string], or NULL when
   * the path is relative, the variable is unknown or the path is not valid UTF-8. */
  char *(*resolve_path)(const warden_host *host, const char *path);

  /* [any-thread] Predicate: whether the absolute `path` is allowed by `scopes_json` (a request's
   * scopes_json, or any {"allow": [...], "deny": [...]} object whose entries are path patterns
   * as strings or objects with a "path" field). The path is canonicalized first (as check_path
   * does); deny wins; a host-private folder is never allowed. Returns 1 allowed, 0 denied,
   * negative when `path` or `scopes_json` is malformed (treat as denied). Both are copied. */
  int (*path_in_scope)(const warden_host *host, const char *path, const char *scopes_json);

  /* [any-thread] Call it before `call` completes. Canonicalizes the absolute `path` exactly as
   * the kernel would walk it (every symlink followed to its target, a ".." applied after the
   * link before it is resolved, "." and "//" dropped, a part that does not exist yet taken as
   * written), then judges that canonical path against `scopes_json` (NULL: the call's own
   * scopes, warden_request::scopes_json) and against the host-private folders.
   * Returns 1 allowed: *canonical = the canonical path it judged [transferred: release with
   *            host->free_string]; open exactly this path, without following symlinks
   *            (warden/scoped_file.hpp).
   *         0 denied, also when the path cannot be canonicalized (a broken or looping link, a
   *            ".." after a part that does not exist, a part that cannot be examined):
   *            *reason = why, naming the path and the entry or private folder that refused it
   *            [transferred: release with host->free_string]; for the audit log
   *            (host->reject_scope), not for the page.
   *         negative: malformed input (NULL or relative `path`, `path` not UTF-8, malformed
   *            `scopes_json`, `call` already completed); *reason as for 0.
   * `canonical` and `reason` may be NULL (not wanted); each is set, to NULL when nothing is
   * returned through it. `path` and `scopes_json` are copied. */
  int (*check_path)(warden_call *call, const char *path, const char *scopes_json, char **canonical,
                    char **reason);

  /* [any-thread] Where the absolute `path` leads: the canonical path check_path would judge,
   * with nothing judged (for the folder of an entry a command acts on without following it,
   * e.g. removing a symlink; the entry itself still goes through check_path). Returns it
   * [transferred: release with host->free_string], or NULL when `path` is NULL, relative or
   * not UTF-8, or cannot be canonicalized. */
  char *(*canonical_path)(const warden_host *host, const char *path);
} warden_host_path_scope;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_PATH_SCOPE_H */
