import type { Dimensions } from "./dimensions.ts";
import type { SourceImageInfo } from "./image_plan.ts";
import type { InfoJsonOptions } from "./info_json_options.ts";

/** What the pyramid is built from: the full size, and a tiled pyramid's levels and tile. */
type ImageSizes = Pick<SourceImageInfo, "width" | "height" | "levels" | "tile">;

/** The info.json `sizes` and `tiles` of both versions. */
export interface ImagePyramid {
  readonly sizes: Dimensions[];
  readonly tiles: { width: number; height: number; scaleFactors: number[] }[];
}

/**
 * The full-image sizes and tiles an info.json advertises, all servable within the limits.
 *
 * `sizes` are the power-of-two reductions `ceil(W / 2^k) × ceil(H / 2^k)` (a pyramid's stored
 * levels instead, when it has them) whose longer side is at least `minSizesSize` and that fit the
 * limits, smallest first; when none is that large, the largest reduction that fits. `tiles` has
 * one tile size (the source's stored tiles, else a `tileWidth` square; shrunk to fit the limits)
 * with scale factors 1, 2, 4… up to the first at which the whole image fits in one tile.
 *
 * @example Usage
 * ```ts
 * import { imagePyramid } from "./_image_pyramid.ts";
 * import assert from "node:assert/strict";
 *
 * const pyramid = imagePyramid({
 *   info: { width: 300, height: 200 },
 *   limits: { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: false },
 *   tileWidth: 512,
 *   minSizesSize: 100,
 * });
 * assert.deepEqual(pyramid, {
 *   sizes: [{ width: 150, height: 100 }, { width: 300, height: 200 }],
 *   tiles: [{ width: 512, height: 512, scaleFactors: [1] }],
 * });
 * ```
 */
export function imagePyramid(
  options: Pick<InfoJsonOptions, "info" | "limits" | "tileWidth" | "minSizesSize">,
): ImagePyramid {
  const { info, limits } = options;
  const fits = (size: Dimensions) =>
    size.width <= limits.maxWidth && size.height <= limits.maxHeight &&
    size.width * size.height <= limits.maxArea;
  const servable = reductions(info).filter(fits);
  const large = servable.filter((size) =>
    Math.max(size.width, size.height) >= options.minSizesSize
  );
  const cap = Math.min(limits.maxWidth, limits.maxHeight, Math.floor(Math.sqrt(limits.maxArea)));
  const stored = info.tile ?? { width: options.tileWidth, height: options.tileWidth };
  const tile = { width: Math.min(stored.width, cap), height: Math.min(stored.height, cap) };
  return {
    sizes: (large.length > 0 ? large : servable.slice(0, 1)).reverse(),
    tiles: [{ ...tile, scaleFactors: scaleFactors(info, tile) }],
  };
}

/**
 * @returns The stored levels of a pyramid, or else the power-of-two reductions of the image
 * down to 1×1; largest first.
 */
function reductions(image: ImageSizes): readonly Dimensions[] {
  if (image.levels) return image.levels;
  const sizes = [];
  for (let factor = 1;; factor *= 2) {
    const size = {
      width: Math.ceil(image.width / factor),
      height: Math.ceil(image.height / factor),
    };
    sizes.push(size);
    if (size.width === 1 && size.height === 1) return sizes;
  }
}

function scaleFactors(image: Dimensions, tile: Dimensions): number[] {
  const factors = [];
  for (let factor = 1;; factor *= 2) {
    factors.push(factor);
    if (image.width / factor <= tile.width && image.height / factor <= tile.height) return factors;
  }
}
