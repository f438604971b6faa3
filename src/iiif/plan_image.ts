import { rotatedSize } from "../ops/mod.ts";
import { canonicalPath } from "./_canonical_path.ts";
import { chooseDecodeScale } from "./_choose_decode_scale.ts";
import { planSteps } from "./_plan_steps.ts";
import { resolveRegion } from "./_resolve_region.ts";
import { resolveSize } from "./_resolve_size.ts";
import type { ImagePlan, PlanLimits, SourceImageInfo } from "./image_plan.ts";
import type { ImageRequest } from "./image_request.ts";

/**
 * Resolves a parsed request against a source's header: the region in pixels, the output size,
 * the cheapest decode scale, the operations, the encoder settings and the canonical path. Pure
 * arithmetic, so every unsatisfiable request fails here, before any pixel is decoded.
 *
 * The limits (`maxWidth`, `maxHeight`, `maxArea`) bound the size and then the final output: a
 * rotation whose bounding box exceeds them is refused (blaming `rotation`) even for `max`, so that
 * no plan ever makes a larger image than the server allows (`full/^max/45` at the limits is a
 * 400).
 *
 * Steps: one `resize` (region and size, in decoded pixels), `watermark` (see `planSteps`),
 * `mirror`, `rotate90` or `rotate`, `flatten`, then `gray` or `bitonal`. JPEG output has no alpha: its arbitrary rotations fill the
 * corners white, and when the source has alpha a `flatten` onto white comes after the rotation and
 * before the quality step (so transparent pixels end white and bitonal stays two-level). Other
 * formats keep alpha and get no `flatten`.
 *
 * @example Usage
 * ```ts
 * import { parseImageRequest, planImage } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const request = parseImageRequest({
 *   identifier: "photo.jpg",
 *   region: "full",
 *   size: "!200,200",
 *   rotation: "0",
 *   file: "default.jpg",
 * }, 3);
 * const info = { width: 6000, height: 4000, scales: [1, 2, 4, 8], hasAlpha: false };
 * const plan = planImage(request, info, {
 *   maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: true,
 *   jpegQuality: 85, subsampling: "420", bitonalThreshold: 128,
 * });
 * assert.equal(plan.canonical, "full/200,133/0/default.jpg");
 * assert.equal(plan.decodeScale, 8);
 * assert.deepEqual(plan.steps, [
 *   { op: "resize", region: { x: 0, y: 0, width: 750, height: 500 }, width: 200, height: 133 },
 * ]);
 * ```
 *
 * @param request A request from `parseImageRequest`.
 * @param info The source's header.
 * @param limits The server's limits and encoder defaults (all finite).
 * @throws {IiifSyntaxError} When the region lies outside the image, the size cannot be served
 * (a side under 1 pixel, above the region without upscaling, above the limits).
 * @throws {NotImplementedError} For a 3.0 `^` size that needs upscaling while it is disabled.
 */
export function planImage(
  request: ImageRequest,
  info: SourceImageInfo,
  limits: PlanLimits,
): ImagePlan {
  const region = resolveRegion(request.region, info);
  const size = resolveSize(request.size, { region, version: request.version, limits });
  // The limits bound the size parameter's result, as the spec defines them; rotation may grow the
  // bounding box to at most twice that area.
  const output = rotatedSize(size.width, size.height, request.rotation.degrees);
  const decodeScale = chooseDecodeScale(region, size, info.scales);
  const { bitonalThreshold, watermark } = limits;
  const geometry = { image: info, region, size, decodeScale, bitonalThreshold, watermark };
  return {
    version: request.version,
    identifier: request.identifier,
    canonical: canonicalPath(request, { image: info, limits, region, size }),
    region,
    decodeScale,
    steps: planSteps(request, geometry),
    width: output.width,
    height: output.height,
    encode: {
      format: request.format,
      quality: request.quality,
      jpegQuality: limits.jpegQuality,
      subsampling: limits.subsampling,
    },
  };
}
