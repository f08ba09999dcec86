/* Refusal: valid plugin code but no manifest section (not built with warden_add_plugin). */
#include <stddef.h>

#include <warden/plugin.h>

static const warden_plugin plugin = {sizeof(warden_plugin), WARDEN_ABI_VERSION, "no-section", "1.0.0",
                                     NULL, 0, NULL, NULL, NULL};
WARDEN_EXPORT const warden_plugin *warden_plugin_entry(uint32_t abi) { (void)abi; return &plugin; }
