/**
 * An 8-bit RGBA image in row-major order, 4 bytes per pixel, no row padding.
 *
 * Every stage between decode and encode works on this one layout so that the CPU kernels and
 * their WGSL twins (which read RGBA8 packed in `u32`) see the same bytes. `data` may be longer
 * than `width * height * 4` when it comes from a pooled buffer; only the first
 * `width * height * 4` bytes are the image.
 */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** A rectangle in pixels. Coordinates may be fractional where a step says so. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
