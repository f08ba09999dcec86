/*
 * warden.init-script/1 — a PLUGIN extension: JavaScript the host runs in every frame of every
 * webview at document start, after its bridge and before any page script (Tauri's
 * js_init_script).
 *
 * The plugin offers it through warden_plugin::get_extension and declares it in its manifest
 * section (warden_add_plugin(... OFFERS_EXTENSIONS warden.init-script/1)):
 *
 *   static const warden_plugin_init_script script_ext = {sizeof script_ext, my_init_script};
 *   static const void *get_extension(const warden_plugin *p, const char *id) {
 *     return strcmp(id, WARDEN_EXT_INIT_SCRIPT) == 0 ? &script_ext : NULL;
 *   }
 *
 * The script runs in every origin the app shows, with no permission check: put only what any
 * page may know in it. Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_INIT_SCRIPT_H
#define WARDEN_EXT_INIT_SCRIPT_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_INIT_SCRIPT "warden.init-script/1"

typedef struct warden_plugin_init_script {
  uint32_t struct_size; /* sizeof(warden_plugin_init_script) of the plugin */

  /* ---- added in SDK 1.0 ---- */

  /* [main-thread] Called once, right after a successful init, with the state init stored.
   * Returns JavaScript (NUL-terminated UTF-8, at most 1 MiB) [plugin-owned, valid until
   * init_script returns: the host copies it], or NULL for none. */
  const char *(*init_script)(void *state);
} warden_plugin_init_script;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_INIT_SCRIPT_H */
