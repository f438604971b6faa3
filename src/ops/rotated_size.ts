/** Width and height of a raster in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The bounding box of a `width`×`height` image rotated by `degrees`, each side rounded to the
 * nearest pixel: `w' = round(|w cos θ| + |h sin θ|)`, `h' = round(|h cos θ| + |w sin θ|)`. The
 * planner and the `rotate` kernels both call this, so the promised and produced sizes agree.
 *
 * @param degrees Any finite angle; its sign does not change the box.
 * @throws {RangeError} If a side is not a positive integer or `degrees` is not finite.
 *
 * @example A square turned by 45°
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(rotatedSize(100, 100, 45), { width: 141, height: 141 });
 * ```
 */
export function rotatedSize(width: number, height: number, degrees: number): Size {
  if (!Number.isSafeInteger(width) || width < 1 || !Number.isSafeInteger(height) || height < 1) {
    throw new RangeError(`Cannot rotate size "${width}x${height}": sides must be integers >= 1`);
  }
  if (!Number.isFinite(degrees)) {
    throw new RangeError(`Cannot rotate by degrees "${degrees}": not a finite number`);
  }
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.abs(Math.cos(radians));
  const sin = Math.abs(Math.sin(radians));
  return {
    width: Math.round(width * cos + height * sin),
    height: Math.round(height * cos + width * sin),
  };
}
