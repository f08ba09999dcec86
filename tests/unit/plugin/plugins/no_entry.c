/* Refusal: a library with a manifest section but no exported warden_plugin_entry. */
#include <warden/plugin.h>

WARDEN_EXPORT int not_the_entry(void) { return 1; }
