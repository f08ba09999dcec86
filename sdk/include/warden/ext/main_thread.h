/*
 * warden.main-thread/1: run plugin code on the host's main thread (the GTK/UI thread).
 *
 * Native dialogs, the clipboard, notifications, menus and tray icons are GTK objects: GTK may be
 * touched only on the thread that runs its main loop. A command runs on a worker thread (a
 * WARDEN_COMMAND_BLOCKING command) or must not block (a quick command), so a plugin that needs
 * GTK asks the host to run a function there, as CLAP's `request_callback` does, with a payload.
 *
 *   const warden_host_main_thread *mt =
 *       (const warden_host_main_thread *)host->get_extension(host, WARDEN_EXT_MAIN_THREAD);
 *   if (mt && mt->request_callback(host, read_theme, job) == 0) { ... job is the host's now ... }
 *
 * NULL from get_extension means this host cannot run code on its main thread: work on without
 * it, or refuse in init with a clear reason. The C++ helper is warden/main_thread.hpp.
 */
#ifndef WARDEN_EXT_MAIN_THREAD_H
#define WARDEN_EXT_MAIN_THREAD_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_MAIN_THREAD "warden.main-thread/1"

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_main_thread {
  uint32_t struct_size;

  /* [any-thread] Asks the host to call `callback(data)` once on its main thread, soon (at the
   * main loop's next turn), after the callbacks this host accepted before it, from this or any
   * plugin (one queue, in order of requests). Returns 0 when accepted, -1 when refused:
   *   - the host is shutting down (its main loop has ended, or this plugin is about to be shut
   *     down), or
   *   - it runs no main loop (e.g. `warden plugin call`), or `callback` is NULL.
   * Ownership of `data`: on 0, `data` is handed to `callback`, which releases it [transferred to
   * the callback]; the host never reads, copies or frees it. On -1, `callback` is never called and
   * `data` stays the caller's: release it yourself.
   *
   * Shutdown: every accepted callback runs, exactly once. When the host shuts down (or before
   * this plugin's shutdown is called) it first refuses new requests, then runs every accepted
   * callback that has not run yet, on the main thread, in order; only then does it call the
   * plugin's `shutdown`. So `data` is never dropped silently, and a plugin thread waiting for a
   * callback is always released (by its callback running, or by -1). Such a late callback may
   * run after the windows are closed; it must still release `data`.
   *
   * Rules for the plugin:
   *   - never wait for a callback from a command without WARDEN_COMMAND_BLOCKING, from `init`,
   *     `shutdown` or another callback: those run on the main thread, which would wait for
   *     itself (deadlock). Wait only on a worker thread (a blocking command, a thread of yours).
   *   - a callback must not block, sleep or wait for another thread: the whole UI (every window
   *     and every quick command) stops while it runs. Do the GTK part there, hand the result
   *     back (complete a call, signal a waiting thread) and return.
   *   - a callback may request another callback; during shutdown that request is refused (-1).
   *   - a C++ exception must not leave `callback` (warden/main_thread.hpp catches them). */
  int (*request_callback)(const warden_host *host, void (*callback)(void *data), void *data);

  /* [any-thread] Whether the calling thread is the host's main thread: 1 yes, 0 no, negative when
   * this host runs no main loop. A plugin that must do GTK work from code that may already run
   * there (a quick command, init, a callback) does it at once when this says 1, instead of
   * requesting a callback and waiting for itself. */
  int (*is_main_thread)(const warden_host *host);
} warden_host_main_thread;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* WARDEN_EXT_MAIN_THREAD_H */
