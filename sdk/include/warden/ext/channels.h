/*
 * warden.channels/1 — streaming messages to a page's Channel.
 *
 * A page passes a @tauri-apps/api `Channel` as an argument, which arrives in args_json as the
 * string "__CHANNEL__:<id>"; the plugin opens it during the call and streams messages to it,
 * during the call or long after (a file watcher, a child process's output).
 *
 *   const warden_host_channels *ch =
 *       (const warden_host_channels *)host->get_extension(host, WARDEN_EXT_CHANNELS);
 *
 * NULL: this host has no channels (e.g. `warden plugin call`); a command that needs one rejects
 * its call saying so. Threads: every function is [any-thread].
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_CHANNELS_H
#define WARDEN_EXT_CHANNELS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_CHANNELS "warden.channels/1"

/* Opaque handle of an open channel. */
typedef struct warden_channel warden_channel; /* [host-owned] valid until channel_close */

typedef struct warden_host_channels {
  uint32_t struct_size; /* sizeof(warden_host_channels) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Opens the channel that argument `reference` ("__CHANNEL__:<id>", copied) names,
   * bound to the webview that made `call`. Call it before `call` completes. Returns a handle
   * [host-owned, valid until channel_close], or NULL when `reference` is not a channel reference
   * of that webview, or the call has no page to stream to. */
  warden_channel *(*channel_open)(warden_call *call, const char *reference);

  /* [any-thread] Sends one JSON message (copied; `json` need not be NUL-terminated). Messages of
   * one channel arrive in the order sent. Returns 0, or -1 when `json` is invalid or `channel`
   * is NULL (nothing sent). A message to a webview that has gone away is dropped (returns 0). */
  int (*channel_send)(const warden_host *host, warden_channel *channel, const char *json, size_t size);

  /* [any-thread] Ends the channel for the page and frees the handle: exactly once per handle,
   * from any thread, also after the call completed. NULL is ignored. */
  void (*channel_close)(const warden_host *host, warden_channel *channel);
} warden_host_channels;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_CHANNELS_H */
