import type { Dimensions } from "./dimensions.ts";
import type { PlanLimits } from "./image_plan.ts";

/** A box that confines nothing: with it, {@linkcode confinedSize} gives the `max` size. */
export const UNBOUNDED: Dimensions = { width: Infinity, height: Infinity };

/** What besides the box confines the size. */
export interface ConfineOptions {
  readonly limits: Pick<PlanLimits, "maxWidth" | "maxHeight" | "maxArea">;
  /** Whether the result may be larger than the region. */
  readonly upscale: boolean;
}

/**
 * The largest size with the region's aspect ratio that fits in `box`, in the server's limits
 * and, unless `upscale`, in the region itself: the `max`, `^max`, `!w,h` and `^!w,h` sizes.
 *
 * Each side is `Math.round(side × scale)`, which keeps the confining side exact and never rounds
 * past an integral bound; when that overshoots `maxArea`, both sides are rounded down instead. A
 * side may round to 0 (a box far thinner than the region's aspect): the caller refuses that.
 *
 * @example Usage
 * ```ts
 * import { confinedSize } from "./_confined_size.ts";
 * import assert from "node:assert/strict";
 *
 * const limits = { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8 };
 * const region = { width: 6000, height: 4000 };
 * const size = confinedSize(region, { width: 200, height: 200 }, { limits, upscale: false });
 * assert.deepEqual(size, { width: 200, height: 133 });
 * ```
 */
export function confinedSize(
  region: Dimensions,
  box: Dimensions,
  options: ConfineOptions,
): Dimensions {
  const { limits } = options;
  const scale = Math.min(
    box.width / region.width,
    box.height / region.height,
    limits.maxWidth / region.width,
    limits.maxHeight / region.height,
    Math.sqrt(limits.maxArea / (region.width * region.height)),
    options.upscale ? Infinity : 1,
  );
  const width = Math.round(region.width * scale);
  const height = Math.round(region.height * scale);
  if (width * height <= limits.maxArea) return { width, height };
  return { width: Math.floor(region.width * scale), height: Math.floor(region.height * scale) };
}
