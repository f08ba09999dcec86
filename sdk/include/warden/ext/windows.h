/*
 * warden.windows/1 — the app's windows as native objects, for plugins that must act on them:
 * a dialog modal to the window that asked, a window's geometry saved and restored.
 *
 *   const warden_host_windows *w =
 *       (const warden_host_windows *)host->get_extension(host, WARDEN_EXT_WINDOWS);
 *
 * NULL from get_extension: this host has no windows (e.g. `warden plugin call`).
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_WINDOWS_H
#define WARDEN_EXT_WINDOWS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_WINDOWS "warden.windows/1"

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_windows {
  uint32_t struct_size; /* sizeof(warden_host_windows) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [main-thread] The GtkWindow* of the window labelled `label` [borrowed: valid until the
   * callback that asked returns; never keep it], or NULL when no such window is open. */
  void *(*gtk_window)(const warden_host *host, const char *label);
} warden_host_windows;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_WINDOWS_H */
