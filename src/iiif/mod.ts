/**
 * The IIIF Image API (3.0 and 2.1) as pure functions, with no I/O: parse a request's path
 * segments ({@linkcode parseImageRequest}), resolve it against a source's header into everything a
 * worker must do ({@linkcode planImage}), and describe an image ({@linkcode buildInfoJson}).
 * Invalid or unsatisfiable requests throw {@linkcode IiifSyntaxError} (400); valid ones Tessera
 * does not serve throw {@linkcode NotImplementedError} (501).
 *
 * @example Usage
 * ```ts
 * import { parseImageRequest, planImage } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const request = parseImageRequest({
 *   identifier: "photo.jpg",
 *   region: "square",
 *   size: "max",
 *   rotation: "0",
 *   file: "default.jpg",
 * }, 3);
 * const plan = planImage(request, { width: 300, height: 200, scales: [1], hasAlpha: false }, {
 *   maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: false,
 *   jpegQuality: 85, subsampling: "420", bitonalThreshold: 128,
 * });
 * assert.equal(plan.canonical, "50,0,200,200/max/0/default.jpg");
 * ```
 *
 * @module
 */

export * from "./errors.ts";
export * from "./check_identifier.ts";
export * from "./iiif_uris.ts";
export * from "./qualities_and_formats.ts";
export * from "./parse_region.ts";
export * from "./parse_size.ts";
export * from "./parse_rotation.ts";
export * from "./parse_quality_and_format.ts";
export * from "./parse_image_request.ts";
export * from "./plan_image.ts";
export * from "./build_info_json.ts";
export * from "./deep_zoom.ts";
export type * from "./info_json_options.ts";
export type * from "./dimensions.ts";
export type { ImageInformation3 } from "./_info_json_3.ts";
export type { ImageInformation2, ProfileDescription2 } from "./_info_json_2.ts";
export type { ImagePyramid } from "./_image_pyramid.ts";
export type * from "./image_request.ts";
export type * from "./image_plan.ts";
export { decodedSize } from "./image_plan.ts";
