/*
 * warden.url-patterns/1 — match a URL against a URL pattern exactly as the host matches a
 * capability's remote URLs (docs/url-patterns.md: the URLPattern standard, so a host wildcard
 * without a port matches the scheme's default port only, and one with the port wildcard any
 * port; userinfo never makes a URL match).
 *
 * A plugin whose scope entries are URL patterns (the http plugin's `{ "url": ... }`) judges them
 * with this, never with a matcher of its own, so that one pattern means one thing everywhere.
 *
 *   const warden_host_url_patterns *patterns =
 *       (const warden_host_url_patterns *)host->get_extension(host, WARDEN_EXT_URL_PATTERNS);
 *
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_URL_PATTERNS_H
#define WARDEN_EXT_URL_PATTERNS_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_URL_PATTERNS "warden.url-patterns/1"

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_url_patterns {
  uint32_t struct_size; /* sizeof(warden_host_url_patterns) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] 1 when `url` (absolute, UTF-8) matches `pattern` (UTF-8), 0 when it does not;
   * -1 when the pattern or the URL does not parse: then *error (when error is not NULL) says
   * which and why [transferred: release with host->free_string]. A URL that does not parse
   * matches nothing. */
  int (*matches)(const warden_host *host, const char *pattern, const char *url, char **error);
} warden_host_url_patterns;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_URL_PATTERNS_H */
