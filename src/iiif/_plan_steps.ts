import type { OpStep } from "../ops/op_step.ts";
import type { Rect } from "../ops/raster.ts";
import type { Dimensions } from "./dimensions.ts";
import { decodedSize, type SourceImageInfo, type WatermarkRule } from "./image_plan.ts";
import type { ImageRequest, OutputFormat, Quality } from "./image_request.ts";

/** The resolved geometry the steps are derived from. */
export interface StepGeometry {
  /** The full-resolution image size, and whether the source has alpha. */
  readonly image: Pick<SourceImageInfo, "width" | "height" | "hasAlpha" | "scales" | "levels">;
  /** The region in full-resolution pixels. */
  readonly region: Rect;
  /** The output size before rotation. */
  readonly size: Dimensions;
  readonly decodeScale: number;
  readonly bitonalThreshold: number;
  readonly watermark?: WatermarkRule;
}

const DEGREES_PER_QUARTER_TURN = 90;

/**
 * The operations that turn the decoded source into the output, in IIIF order: region and size
 * (one `resize`, in decoded pixels), the watermark, mirror, rotation, then `flatten` when needed,
 * then quality.
 *
 * The watermark is laid on the image before anything turns or recolours it, as if it were part of
 * the image: its pattern is anchored at the image's top-left corner at the output's scale (the
 * step's `x`, `y` is the region's position there), so the tiles of one zoom level show one
 * continuous pattern, and mirroring, rotation, `flatten`, `gray` and `bitonal` treat it like the
 * pixels under it (a `gray` output has a gray mark, a `bitonal` one stays two-level). Whether an
 * output is marked depends on the whole image at that scale, not on the output's own size, so a
 * zoom level is marked in every tile or in none, and a thumbnail below the minimum stays clean.
 *
 * JPEG has no alpha channel, so a JPEG's arbitrary rotation fills the uncovered corners white,
 * and a JPEG from a source with alpha gets a `flatten` onto white after the rotation: transparent
 * pixels come out white, not as the colour they hide (nor black, which `resize` leaves in fully
 * transparent pixels). An opaque source's JPEG is already opaque after a white-cornered rotation,
 * so it gets no `flatten`. `flatten` precedes `gray` and `bitonal`, so that transparent pixels
 * turn white first and a bitonal JPEG stays purely black and white. Other formats keep alpha.
 *
 * The decoder yields `decodedSize(image, scale)` pixels: `ceil(W / scale) × ceil(H / scale)`,
 * which the region divided by the scale always lies inside, or a stored level's size, which may be
 * a pixel less (the region is clamped to it).
 *
 * @example Usage
 * ```ts
 * import { planSteps } from "./_plan_steps.ts";
 * import assert from "node:assert/strict";
 *
 * const request = {
 *   rotation: { degrees: 90, mirror: false },
 *   quality: "gray",
 *   format: "jpg",
 * } as const;
 * const steps = planSteps(request, {
 *   image: { width: 6000, height: 4000, hasAlpha: true, scales: [1, 2, 4, 8] },
 *   region: { x: 0, y: 0, width: 6000, height: 4000 },
 *   size: { width: 750, height: 500 },
 *   decodeScale: 8,
 *   bitonalThreshold: 128,
 * });
 * assert.deepEqual(steps, [
 *   { op: "rotate90", quarterTurns: 1 },
 *   { op: "flatten" },
 *   { op: "gray" },
 * ]);
 * ```
 */
export function planSteps(
  request: Pick<ImageRequest, "rotation" | "quality" | "format">,
  geometry: StepGeometry,
): OpStep[] {
  return [
    ...resizeSteps(geometry),
    ...watermarkSteps(geometry),
    ...(request.rotation.mirror ? [{ op: "mirror" } as const] : []),
    ...rotationSteps(request.rotation.degrees, request.format),
    ...(request.format === "jpg" && geometry.image.hasAlpha ? [{ op: "flatten" } as const] : []),
    ...qualitySteps(request.quality, geometry.bitonalThreshold),
  ];
}

function resizeSteps({ image, region, size, decodeScale }: StepGeometry): OpStep[] {
  const { width: decodedWidth, height: decodedHeight } = decodedSize(image, decodeScale);
  const x = region.x / decodeScale;
  const y = region.y / decodeScale;
  // A stored level may be a pixel short of W / scale (pyramids round down): clamp to it.
  const decoded = {
    x,
    y,
    width: Math.min(region.width / decodeScale, decodedWidth - x),
    height: Math.min(region.height / decodeScale, decodedHeight - y),
  };
  const untouched = decoded.x === 0 && decoded.y === 0 &&
    decoded.width === decodedWidth && decoded.height === decodedHeight &&
    size.width === decodedWidth && size.height === decodedHeight;
  return untouched
    ? []
    : [{ op: "resize", region: decoded, width: size.width, height: size.height }];
}

function watermarkSteps({ image, region, size, watermark }: StepGeometry): OpStep[] {
  if (watermark === undefined) return [];
  const across = reduction(region.width, size.width);
  const down = reduction(region.height, size.height);
  const marked = Math.round(image.width / across) >= watermark.minWidth ||
    Math.round(image.height / down) >= watermark.minHeight;
  if (!marked) return [];
  const { image: mark, opacity } = watermark;
  const x = Math.round(region.x / across);
  const y = Math.round(region.y / down);
  return [{ op: "watermark", image: mark, opacity, x, y }];
}

/**
 * Full-resolution pixels per output pixel along one axis. A viewer cuts the edge tiles of a zoom
 * level at a power-of-two factor with the output side rounded up, which makes their own ratio a
 * little off; they keep the power of two, so their pattern continues their neighbours'.
 */
function reduction(regionLength: number, outputLength: number): number {
  const factor = 2 ** Math.round(Math.log2(regionLength / outputLength));
  return Math.ceil(regionLength / factor) === outputLength ? factor : regionLength / outputLength;
}

function rotationSteps(degrees: number, format: OutputFormat): OpStep[] {
  const quarterTurns = degrees / DEGREES_PER_QUARTER_TURN % 4;
  if (quarterTurns === 0) return [];
  if (quarterTurns === 1 || quarterTurns === 2 || quarterTurns === 3) {
    return [{ op: "rotate90", quarterTurns }];
  }
  return [{ op: "rotate", degrees, background: format === "jpg" ? "white" : "transparent" }];
}

function qualitySteps(quality: Quality, threshold: number): OpStep[] {
  switch (quality) {
    case "gray":
      return [{ op: "gray" }];
    case "bitonal":
      return [{ op: "bitonal", threshold }];
    default:
      return [];
  }
}
