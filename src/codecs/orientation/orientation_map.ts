import type { PixelMap, Size } from "../../ops/mod.ts";
import type { ExifOrientation } from "./exif_orientation.ts";

/**
 * The size a picture is shown at: orientations 5 to 8 swap width and height.
 *
 * @example Usage
 * ```ts
 * import { orientedSize } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(orientedSize({ width: 40, height: 30 }, 6), { width: 30, height: 40 });
 * ```
 *
 * @param stored The size of the pixels as stored.
 * @param orientation The EXIF orientation.
 */
export function orientedSize(stored: Size, orientation: ExifOrientation): Size {
  const { width, height } = stored;
  return swapsAxes(orientation) ? { width: height, height: width } : { width, height };
}

/**
 * Where each shown pixel comes from: output (x, y) of the upright picture is stored pixel
 * `origin + x * stepX + y * stepY`, the form the CPU gather and the GPU `remap` shader read.
 *
 * @example Usage
 * ```ts
 * import { orientationMap } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * // Turned 90° clockwise: the top-left pixel shown is the stored bottom-left one.
 * const map = orientationMap({ width: 4, height: 3 }, 6);
 * assert.deepEqual([map.width, map.height, map.origin], [3, 4, 8]);
 * ```
 *
 * @param stored The size of the pixels as stored.
 * @param orientation The EXIF orientation.
 */
export function orientationMap(stored: Size, orientation: ExifOrientation): PixelMap {
  const { width: w, height: h } = stored;
  const { width, height } = orientedSize(stored, orientation);
  const last = w * h - 1;
  const [origin, stepX, stepY] = {
    1: [0, 1, w], // (x, y) ← (x, y)
    2: [w - 1, -1, w], // (x, y) ← (w − 1 − x, y)
    3: [last, -1, -w], // (x, y) ← (w − 1 − x, h − 1 − y)
    4: [last - (w - 1), 1, -w], // (x, y) ← (x, h − 1 − y)
    5: [0, w, 1], // (x, y) ← (y, x)
    6: [last - (w - 1), -w, 1], // (x, y) ← (y, h − 1 − x)
    7: [last, -w, -1], // (x, y) ← (w − 1 − y, h − 1 − x)
    8: [w - 1, w, -1], // (x, y) ← (w − 1 − y, x)
  }[orientation];
  return { width, height, origin, stepX, stepY };
}

function swapsAxes(orientation: ExifOrientation): boolean {
  return orientation >= 5;
}
