/*
 * warden.app-lifecycle/1 — end the run, start it again, and say how this app is started and named.
 *
 * A plugin must not call exit() or exec() itself: the host has windows to close, plugins to shut
 * down (each plugin's shutdown runs, files are flushed) and an exit status to report. The process
 * plugin ends or restarts the app through here; autostart writes the command line that starts
 * this app into its XDG autostart entry, named after the app's identity (warden/app_identity.hpp
 * reads it for a C++ plugin).
 *
 *   const warden_host_app_lifecycle *app =
 *       (const warden_host_app_lifecycle *)host->get_extension(host, WARDEN_EXT_APP_LIFECYCLE);
 *
 * NULL from get_extension: this host cannot (e.g. `warden plugin call`); refuse the command.
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_APP_LIFECYCLE_H
#define WARDEN_EXT_APP_LIFECYCLE_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_APP_LIFECYCLE "warden.app-lifecycle/1"

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_app_lifecycle {
  uint32_t struct_size; /* sizeof(warden_host_app_lifecycle) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Ends the run through the host's exit path (as the core app exit does: windows
   * closed, every plugin's shutdown called), the process then exiting with `code`. Returns at
   * once; the run ends after it, so a call completed now still reaches the page if it can.
   * Returns 0 accepted, negative when this host runs no app. */
  int (*exit)(const warden_host *host, int code);

  /* [any-thread] As exit(0), then the process replaces itself (exec) with the same binary and
   * the same arguments it was started with, so the app comes back in the state its files hold
   * (the same process id: a supervisor waiting on it keeps waiting). A run that restarts again
   * and again within seconds of its start (a page restarting on every load) is refused after a
   * few such restarts in a row, and the app stays up.
   * Returns 0 accepted, negative when this host runs no app, cannot find its binary or refuses
   * a rapid restart (the reason is in the host's log). */
  int (*restart)(const warden_host *host);

  /* [any-thread] The command line that starts this app as a user would (for an XDG autostart
   * entry): a JSON array of strings, the absolute host binary first, then "run", the absolute
   * app folder and the plugin folders of this run (no options that only tests use)
   * [transferred: release with host->free_string]; NULL when this host runs no app. */
  char *(*launch_command)(const warden_host *host);

  /* [any-thread] The running app as its warden.conf.json names it, which a plugin's config
   * (plugins.<name> only) does not show: a JSON object {"identifier": "...", "productName":
   * "...", "version": "..."} (productName is the identifier when the config gives none or an
   * empty one; version "0.0.0" when it gives none) [transferred: release with host->free_string];
   * NULL when this host runs no app. Answers from the plugin's init on: plugins load knowing it. */
  char *(*app_identity)(const warden_host *host);
} warden_host_app_lifecycle;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_APP_LIFECYCLE_H */
