/*
 * warden.command-scopes/1 — the grants of a sibling command.
 *
 * For an option whose effect is another command's (fs `open` with `write` does what
 * `write_file` does), the plugin asks what the caller would be granted for that command and
 * judges the option by it.
 *
 *   const warden_host_command_scopes *cs =
 *       (const warden_host_command_scopes *)host->get_extension(host, WARDEN_EXT_COMMAND_SCOPES);
 *
 * NULL: this host cannot tell; the plugin must then refuse such an option (deny by default).
 * Threads: [any-thread]. Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_COMMAND_SCOPES_H
#define WARDEN_EXT_COMMAND_SCOPES_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_COMMAND_SCOPES "warden.command-scopes/1"

typedef struct warden_host_command_scopes {
  uint32_t struct_size; /* sizeof(warden_host_command_scopes) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] The scopes the caller of `call` would be granted for `command` (copied), another
   * command of the same plugin (name without the "plugin:<name>|" prefix), in the shape of
   * warden_request::scopes_json [transferred: release with host->free_string]; NULL when that
   * caller may not run it or the host cannot tell (deny). Call it before `call` completes. */
  char *(*command_scopes)(warden_call *call, const char *command);
} warden_host_command_scopes;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_COMMAND_SCOPES_H */
