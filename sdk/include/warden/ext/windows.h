/*
 * warden.windows/1 — the app's windows as native objects, for plugins that must act on them:
 * a dialog modal to the window that asked, a window's geometry saved and restored.
 *
 *   const warden_host_windows *w =
 *       (const warden_host_windows *)host->get_extension(host, WARDEN_EXT_WINDOWS);
 *
 * NULL from get_extension: this host has no windows (e.g. `warden plugin call`).
 * Return convention and ownership legend: see the top of ../plugin.h.
 *
 * Windows are named by label. Geometry is in physical pixels, as Tauri's window getters answer
 * it: the outer position is the frame's top-left corner on the screen, the inner size the client
 * area (what Tauri's window-state plugin saves and restores).
 */
#ifndef WARDEN_EXT_WINDOWS_H
#define WARDEN_EXT_WINDOWS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_WINDOWS "warden.windows/1"

/* A window's state (get_state, set_state). The host fills every field it knows of up to the
 * caller's struct_size; set_state applies only the fields its `fields` bits select. */
typedef struct warden_window_state {
  uint32_t struct_size; /* sizeof(warden_window_state) of the plugin; at least SDK 1.0's */
  int32_t x;            /* outer position: the frame's top-left corner */
  int32_t y;
  uint32_t width;       /* inner size: the client area */
  uint32_t height;
  uint8_t maximized;    /* 1 or 0 */
  uint8_t minimized;    /* read only: set_state ignores it */
  uint8_t fullscreen;
  uint8_t visible;
  uint8_t decorated;
} warden_window_state;

/* set_state's `fields`: the bits of Tauri's window-state StateFlags, so a plugin can pass them on. */
#define WARDEN_WINDOW_STATE_SIZE (1u << 0)        /* width, height */
#define WARDEN_WINDOW_STATE_POSITION (1u << 1)    /* x, y */
#define WARDEN_WINDOW_STATE_MAXIMIZED (1u << 2)   /* maximized */
#define WARDEN_WINDOW_STATE_VISIBLE (1u << 3)     /* visible */
#define WARDEN_WINDOW_STATE_DECORATIONS (1u << 4) /* decorated */
#define WARDEN_WINDOW_STATE_FULLSCREEN (1u << 5)  /* fullscreen */

/* What happened to a window (subscribe_events). */
typedef enum warden_window_event {
  /* Made and configured, not yet shown: a state set now applies before the window appears. */
  WARDEN_WINDOW_CREATED = 1,
  WARDEN_WINDOW_MOVED = 2,          /* its outer position changed */
  WARDEN_WINDOW_RESIZED = 3,        /* its inner size changed */
  /* maximized, minimized, fullscreen or visible changed (as the window manager reports it) */
  WARDEN_WINDOW_STATE_CHANGED = 4,
  /* The user or the app asked it to close (the window manager's close button, window.close());
   * a page may still keep it open. */
  WARDEN_WINDOW_CLOSE_REQUESTED = 5,
  /* Gone: its label may be reused by a new window from now on. get_state fails from here. */
  WARDEN_WINDOW_DESTROYED = 6
} warden_window_event;

/* [main-thread] Called with the window's label [borrowed: valid until the callback returns] and
 * what happened; `data` is what subscribe_events was given. May call any of this extension's
 * functions; a subscription ended meanwhile gets no further callback. */
typedef void (*warden_window_event_callback)(void *data, const char *label, warden_window_event event);

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_windows {
  uint32_t struct_size; /* sizeof(warden_host_windows) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [main-thread] The GtkWindow* of the window labelled `label` [borrowed: valid until the
   * callback that asked returns; never keep it], or NULL when no such window is open. */
  void *(*gtk_window)(const warden_host *host, const char *label);

  /* [main-thread] The labels of the windows open now, as a JSON array of strings in no set order
   * [transferred: release with host->free_string]; NULL outside a run or off the main thread. */
  char *(*window_labels)(const warden_host *host);

  /* [main-thread] Fills `*state` (its struct_size set by the caller) with window `label`'s state
   * now. Returns 0, or -1 when no window by that label is open (or off the main thread). */
  int (*get_state)(const warden_host *host, const char *label, warden_window_state *state);

  /* [main-thread] Applies the fields of `*state` that `fields` (WARDEN_WINDOW_STATE_* bits)
   * selects to window `label`, as Tauri's setters would, in the order Tauri's window-state
   * restores them: decorations, position, size, maximized, fullscreen; then visible 1 shows and
   * focuses the window, visible 0 hides it. The window manager may still place or size it
   * otherwise. Returns 0, or -1 when no window by that label is open, `fields` has bits other
   * than WARDEN_WINDOW_STATE_*, or off the main thread. */
  int (*set_state)(const warden_host *host, const char *label, const warden_window_state *state, uint32_t fields);

  /* [main-thread] `callback(data, label, event)` runs on the main thread for every window event
   * of the run from now on (windows already open get no CREATED). Returns a subscription id
   * (positive), or 0 when refused (outside a run, off the main thread, null callback). At the
   * end of a run every window is destroyed (DESTROYED delivered) before any plugin's shutdown
   * is called: no callback runs during or after shutdown. */
  uint64_t (*subscribe_events)(const warden_host *host, warden_window_event_callback callback, void *data);

  /* [main-thread] Ends subscription `id` (one of this plugin's): its callback is not called after
   * this returns. Returns 0, or -1 for an id that is not a live subscription of this plugin. */
  int (*unsubscribe_events)(const warden_host *host, uint64_t id);
} warden_host_windows;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_WINDOWS_H */
