/*
 * warden.single-instance/1 — one running instance per app and user, and the arguments it is
 * started with.
 *
 * With `app.singleInstance` in the app's warden.conf.json, a later `warden run` of the same app
 * identifier by the same user does not start a second instance: it hands its app arguments (what
 * follows `--` on its command line) and working directory to the running one, which focuses its
 * window, and exits 0. A plugin (deep-link: a URL the desktop opened with the app) hears those
 * arguments here, and reads the arguments of its own run.
 *
 *   const warden_host_single_instance *instances =
 *       (const warden_host_single_instance *)host->get_extension(host, WARDEN_EXT_SINGLE_INSTANCE);
 *
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_SINGLE_INSTANCE_H
#define WARDEN_EXT_SINGLE_INSTANCE_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_SINGLE_INSTANCE "warden.single-instance/1"

/* [main-thread] A later instance's app arguments, a JSON array of strings, and its working
 * directory (absolute); both [host-owned], valid during the call. `user` as given to subscribe. */
typedef void (*warden_instance_arguments_fn)(void *user, const char *arguments_json, const char *cwd);

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_single_instance {
  uint32_t struct_size; /* sizeof(warden_host_single_instance) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] This run's app arguments (what followed `--` on `warden run`'s command line) as
   * a JSON array of strings, [] when none [transferred: release with host->free_string]; NULL
   * when this host runs no app. Answers from the plugin's init on. */
  char *(*arguments)(const warden_host *host);

  /* [any-thread] Calls `callback` on the main thread for each later instance that hands over its
   * arguments, until unsubscribe or the plugin's shutdown. `user` [plugin-owned] is passed back.
   * Returns a subscription id > 0; 0 when refused (this host runs no app, or the app is not
   * single-instance: then later instances start on their own). */
  uint64_t (*subscribe)(const warden_host *host, warden_instance_arguments_fn callback, void *user);

  /* [any-thread] Ends a subscription of this plugin; once it returns the callback is not called
   * again. 0, or -1 when `id` is not a live subscription of this plugin. */
  int (*unsubscribe)(const warden_host *host, uint64_t id);
} warden_host_single_instance;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_SINGLE_INSTANCE_H */
