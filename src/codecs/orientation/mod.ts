/**
 * EXIF orientation: reading the tag, the upright size, and turning decoded pixels upright, so
 * that probes report, and decoders return, a picture as a viewer shows it.
 *
 * @example Usage
 * ```ts
 * import { orientedSize, readExifOrientation } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const orientation = readExifOrientation(new TextEncoder().encode("II*\0broken"));
 * assert.equal(orientation, 1);
 * assert.deepEqual(orientedSize({ width: 3, height: 2 }, orientation), { width: 3, height: 2 });
 * ```
 *
 * @module
 */

export {
  EXIF_ORIENTATION_NAMES,
  EXIF_ORIENTATIONS,
  type ExifOrientation,
  isExifOrientation,
  readExifOrientation,
} from "./exif_orientation.ts";
export { orientationMap, orientedSize } from "./orientation_map.ts";
export { type OrientOptions, orientRaster } from "./orient_raster.ts";
