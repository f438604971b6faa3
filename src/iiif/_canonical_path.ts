import type { Rect } from "../ops/raster.ts";
import type { Dimensions } from "./dimensions.ts";
import { confinedSize, UNBOUNDED } from "./_confined_size.ts";
import { formatNumber } from "./_format_number.ts";
import { heightForWidth } from "./_resolve_size.ts";
import type { PlanLimits } from "./image_plan.ts";
import type { ImageRequest, Quality, RotationRequest } from "./image_request.ts";

/** A request resolved against its image, as the canonical form needs it. */
export interface ResolvedGeometry {
  readonly image: Dimensions;
  readonly limits: PlanLimits;
  /** The region in full-resolution pixels. */
  readonly region: Rect;
  /** The output size before rotation. */
  readonly size: Dimensions;
}

/**
 * The canonical `{region}/{size}/{rotation}/{quality}.{format}` of a resolved request.
 *
 * Region: `full` for the whole image, else `x,y,w,h`. Size, 3.0: `max` when the output equals
 * what `max` gives, the largest size with the region's aspect ratio that neither exceeds the
 * region nor the limits: the region's own size, or smaller when `maxWidth`, `maxHeight` or
 * `maxArea` confine it (under `maxWidth` 3000, `full/3000,2000` of a 6000×4000 image is
 * `full/max`). `^max` when the output is larger than the region and equals what `^max` gives
 * (the largest size within the limits alone), else `w,h` (`^w,h` when larger than the region).
 * Size, 2.1: `full` when the output is the region's size, `w,` when `w,` gives exactly this
 * output, else `w,h`. Rotation: `!` when mirrored, then the angle as an IIIF number. Quality:
 * `default` for `default` and `color` (the default quality is color).
 *
 * @example Usage
 * ```ts
 * import { canonicalPath } from "./_canonical_path.ts";
 * import assert from "node:assert/strict";
 *
 * const limits = {
 *   maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: true,
 *   jpegQuality: 85, subsampling: "420", bitonalThreshold: 128,
 * } as const;
 * const request = {
 *   version: 2, rotation: { degrees: 22.50, mirror: true }, quality: "color", format: "png",
 * } as const;
 * const path = canonicalPath(request, {
 *   image: { width: 6000, height: 4000 },
 *   limits,
 *   region: { x: 0, y: 0, width: 6000, height: 4000 },
 *   size: { width: 1000, height: 667 },
 * });
 * assert.equal(path, "full/1000,/!22.5/default.png");
 * ```
 */
export function canonicalPath(
  request: Pick<ImageRequest, "version" | "rotation" | "quality" | "format">,
  geometry: ResolvedGeometry,
): string {
  const size = request.version === 3 ? canonicalSize3(geometry) : canonicalSize2(geometry);
  return `${canonicalRegion(geometry)}/${size}/${canonicalRotation(request.rotation)}/` +
    `${canonicalQuality(request.quality)}.${request.format}`;
}

function canonicalRegion({ image, region }: ResolvedGeometry): string {
  const whole = region.x === 0 && region.y === 0 && sameSize(region, image);
  return whole ? "full" : `${region.x},${region.y},${region.width},${region.height}`;
}

function canonicalSize3({ limits, region, size }: ResolvedGeometry): string {
  if (sameSize(size, confinedSize(region, UNBOUNDED, { limits, upscale: false }))) return "max";
  const upscaled = size.width > region.width || size.height > region.height;
  if (upscaled && sameSize(size, confinedSize(region, UNBOUNDED, { limits, upscale: true }))) {
    return "^max";
  }
  return `${upscaled ? "^" : ""}${size.width},${size.height}`;
}

function canonicalSize2({ region, size }: ResolvedGeometry): string {
  if (sameSize(size, region)) return "full";
  if (heightForWidth(region, size.width) === size.height) return `${size.width},`;
  return `${size.width},${size.height}`;
}

/** A full turn is no turn: `360` and `0` share one canonical form, hence one cache entry. */
function canonicalRotation({ degrees, mirror }: RotationRequest): string {
  return `${mirror ? "!" : ""}${formatNumber(degrees % 360)}`;
}

function canonicalQuality(quality: Quality): string {
  return quality === "color" ? "default" : quality;
}

function sameSize(a: Dimensions, b: Dimensions): boolean {
  return a.width === b.width && a.height === b.height;
}
