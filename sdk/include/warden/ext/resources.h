/*
 * warden.resources/1 — plugin objects a page refers to by number (Tauri's ResourceId), e.g. an
 * open file.
 *
 * A resource belongs to its caller: the page (one document of one webview; the next document the
 * webview shows is another page) and the frame origin that made the call. Only that caller can
 * name it: another frame's origin, or a later page, gets the same answer as for an id that does
 * not exist. The page may close it with plugin:resources|close.
 *
 *   const warden_host_resources *rs =
 *       (const warden_host_resources *)host->get_extension(host, WARDEN_EXT_RESOURCES);
 *
 * NULL: this host has no resource table; a command that needs one rejects its call saying so.
 * Threads: every function is [any-thread]; `close` runs on any thread.
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_RESOURCES_H
#define WARDEN_EXT_RESOURCES_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_RESOURCES "warden.resources/1"

typedef struct warden_host_resources {
  uint32_t struct_size; /* sizeof(warden_host_resources) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Adds `object` [transferred to the host: it calls `close(object)`] as a resource
   * of the caller of `call` and stores its id (> 0) in *rid. Call it before `call` completes.
   * Returns 0, or -1 on failure (no resource table, the caller's page is already gone, `rid` is
   * NULL), in which case `close(object)` has already been called and *rid, when given, is 0.
   * The host calls `close(object)` exactly once [any-thread], once the resource has been removed
   * (the page called plugin:resources|close, the plugin called resource_close, the caller's page
   * went away: another document, a crash or the window's end, or the plugin is about to shut
   * down) and no call holds it any more (see resource_get). */
  int (*resource_add)(warden_call *call, void *object, void (*close)(void *object), uint32_t *rid);

  /* [any-thread] The object of resource `rid` [plugin-owned; valid, not closed, at least until
   * `call` completes] when it belongs to the caller of `call` (same webview, page and frame
   * origin) and this plugin added it; NULL otherwise. Call it before `call` completes. */
  void *(*resource_get)(warden_call *call, uint32_t rid);

  /* [any-thread] Removes resource `rid` under the same rule as resource_get; its `close` runs
   * once no call holds it. Returns 0, or -1 when the caller has no such resource. */
  int (*resource_close)(warden_call *call, uint32_t rid);
} warden_host_resources;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_RESOURCES_H */
