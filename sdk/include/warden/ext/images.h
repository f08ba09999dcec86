/*
 * warden.images/1 — the Image resources of @tauri-apps/api (core:image) for a plugin.
 *
 * A page holds an `Image` by its resource id and reads it with plugin:image|rgba and |size; a
 * plugin that answers an image (the clipboard's readImage) makes one of these for the calling
 * page, and a plugin that takes one (writeImage, transformImage's rid, bytes of a PNG/ICO/JPEG,
 * a path, or {rgba, width, height}) reads it as RGBA. Plugins cannot make or read core resources
 * through warden.resources/1 (those are the plugin's own), hence this extension.
 *
 *   const warden_host_images *images =
 *       (const warden_host_images *)host->get_extension(host, WARDEN_EXT_IMAGES);
 *
 * NULL from get_extension, or a negative return: this host has no image resources (e.g.
 * `warden plugin call`); refuse the command. Limits are the host's image limits (64 MiB of RGBA,
 * 32 MiB encoded; a path only where the page may read images): past them, a clear error.
 * Return convention and ownership legend: see the top of ../plugin.h.
 */
#ifndef WARDEN_EXT_IMAGES_H
#define WARDEN_EXT_IMAGES_H

#include "../plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WARDEN_EXT_IMAGES "warden.images/1"

/* [host-owned] static; valid until the plugin's shutdown returns (get_extension's rule). */
typedef struct warden_host_images {
  uint32_t struct_size; /* sizeof(warden_host_images) of the host */

  /* ---- added in SDK 1.0 ---- */

  /* [any-thread] Makes an Image of `width` x `height` straight RGBA pixels (`size` must be
   * width * height * 4) a resource of the caller of `call` (its page and frame origin), as
   * core:image's new_image does, and stores its id in *rid. Call it before `call` completes.
   * Returns 0; negative with *error [transferred: release with host->free_string] when the sizes
   * do not match, the image is too large, the caller's page already holds 256 MiB of images that
   * plugins made for it (it must close some first) or the caller's page is gone. */
  int (*image_from_rgba)(const warden_host *host, warden_call *call, const uint8_t *rgba, size_t size,
                         uint32_t width, uint32_t height, uint32_t *rid, char **error);

  /* [any-thread] Reads an image argument as @tauri-apps/api sends it (`image_json`: the JSON of
   * transformImage's result: a resource id of the caller's Image, bytes of a PNG/ICO/JPEG, a
   * path the caller may read as an image, or {rgba, width, height}) as straight RGBA:
   * *rgba [transferred: release with host->free_string], *size = width * height * 4. Returns 0;
   * negative with *error [transferred] (an unknown id, undecodable bytes, a refused path, too
   * large). */
  int (*image_rgba)(const warden_host *host, warden_call *call, const char *image_json, char **rgba, size_t *size,
                    uint32_t *width, uint32_t *height, char **error);
} warden_host_images;

#ifdef __cplusplus
}
#endif

#endif /* WARDEN_EXT_IMAGES_H */
