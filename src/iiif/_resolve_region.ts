import type { Rect } from "../ops/raster.ts";
import type { Dimensions } from "./dimensions.ts";
import { regionText } from "./_parameter_text.ts";
import { IiifSyntaxError } from "./errors.ts";
import type { RegionRequest } from "./image_request.ts";

/**
 * Resolves a region against the image: integral pixels, cropped at the image's edges.
 *
 * `square` is centred (offsets rounded down). Percentages are turned into pixel *edges* with
 * `Math.round(percent × size / 100)`, start and end separately, so regions that abut in
 * percentages abut in pixels with neither gap nor overlap; a region that rounds to nothing inside
 * the image keeps one pixel. A start below 100% lies inside the image, so it never rounds past
 * the last pixel (`pct:99.99,…` on a 4000-pixel side starts at 3999, not at the edge).
 *
 * @example Usage
 * ```ts
 * import { resolveRegion } from "./_resolve_region.ts";
 * import assert from "node:assert/strict";
 *
 * const image = { width: 300, height: 200 };
 * const region = { kind: "percent", x: 41.6, y: 7.5, width: 66.6, height: 100 } as const;
 * assert.deepEqual(resolveRegion(region, image), { x: 125, y: 15, width: 175, height: 185 });
 * ```
 *
 * @throws {IiifSyntaxError} When the region lies entirely outside the image.
 */
export function resolveRegion(region: RegionRequest, image: Dimensions): Rect {
  switch (region.kind) {
    case "full":
      return { x: 0, y: 0, width: image.width, height: image.height };
    case "square": {
      const side = Math.min(image.width, image.height);
      const x = Math.floor((image.width - side) / 2);
      return { x, y: Math.floor((image.height - side) / 2), width: side, height: side };
    }
    case "pixels":
      return cropToImage(region, region, image);
    case "percent": {
      const [x, width] = percentEdges(region.x, region.width, image.width);
      const [y, height] = percentEdges(region.y, region.height, image.height);
      return cropToImage({ x, y, width, height }, region, image);
    }
  }
}

/** @returns The start and the extent, in pixels, of a span given in percentages of `size`. */
function percentEdges(start: number, extent: number, size: number): [number, number] {
  const rounded = Math.round(start * size / 100);
  const first = start < 100 ? Math.min(rounded, size - 1) : rounded;
  const end = Math.max(first + 1, Math.round((start + extent) * size / 100));
  return [first, end - first];
}

function cropToImage(rect: Rect, region: RegionRequest, image: Dimensions): Rect {
  if (rect.x >= image.width || rect.y >= image.height) {
    throw new IiifSyntaxError(
      `Cannot satisfy region "${regionText(region)}": ` +
        `it lies outside the ${image.width}×${image.height} image`,
      { parameter: "region", value: regionText(region) },
    );
  }
  return {
    x: rect.x,
    y: rect.y,
    width: Math.min(rect.width, image.width - rect.x),
    height: Math.min(rect.height, image.height - rect.y),
  };
}
