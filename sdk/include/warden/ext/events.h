/*
 * warden.events/1 — emitting an event to the app's windows (what @tauri-apps/api `listen`
 * receives), attributed to the plugin.
 *
 *   const warden_host_events *ev =
 *       (const warden_host_events *)host->get_extension(host, WARDEN_EXT_EVENTS);
 *
 * NULL: this host cannot deliver events. Threads: [any-thread].
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_EVENTS_H
#define WARDEN_EXT_EVENTS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_EVENTS "warden.events/1"

typedef struct warden_host_events {
  uint32_t struct_size; /* sizeof(warden_host_events) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Emits `event` ([A-Za-z0-9-/:_], 1..256 characters) with a JSON payload (NULL:
   * null) to the window labelled `target_window`, or to every window when it is NULL. All three
   * are copied. Returns 0 when the event was handed on, -1 when the name or the payload is
   * invalid. A host without windows (`warden plugin call`) drops it and returns 0. */
  int (*emit)(const warden_host *host, const char *event, const char *payload_json, const char *target_window);
} warden_host_events;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_EVENTS_H */
