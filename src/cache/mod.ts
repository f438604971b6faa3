/**
 * The derivative cache: encoded images kept on disk so a repeated request (a tile every viewer
 * asks for) skips decoding, processing and encoding. Keys are built by the caller from the
 * canonical request and the source's modification time and size, so a changed source never
 * hits a stale entry. {@linkcode CachedRenderer} puts it in front of the worker pool, and
 * {@linkcode purgeDerivatives} removes all of one image's entries.
 *
 * @module
 */
export { type DerivativeCacheStats, DiskDerivativeCache } from "./disk_derivative_cache.ts";
export {
  CachedRenderer,
  type CacheOutcome,
  type CacheWriteFailure,
  type Rendered,
} from "./cached_renderer.ts";
export { derivativeCacheDir, purgeDerivatives } from "./purge_derivatives.ts";
