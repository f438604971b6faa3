import { COMMON_FEATURES } from "./_common_features.ts";
import { type ImagePyramid, imagePyramid } from "./_image_pyramid.ts";
import type { OutputFormat, Quality } from "./image_request.ts";
import { IIIF_CONTEXT, IIIF_PROTOCOL } from "./iiif_uris.ts";
import type { InfoJsonOptions } from "./info_json_options.ts";
import { OUTPUT_FORMATS, QUALITIES } from "./qualities_and_formats.ts";

/** The formats the level 2 profile itself requires, so not repeated in `extraFormats`. */
const LEVEL2_FORMATS: readonly OutputFormat[] = ["jpg", "png"];

/** The 3.0 features Tessera implements beyond the level 2 profile's own list, or restating it. */

/** A 3.0 image information document (info.json). */
export interface ImageInformation3 extends ImagePyramid {
  readonly "@context": typeof IIIF_CONTEXT[3];
  readonly id: string;
  readonly type: "ImageService3";
  readonly protocol: typeof IIIF_PROTOCOL;
  readonly profile: "level2";
  readonly width: number;
  readonly height: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly maxArea: number;
  /** Formats beyond level 2's `jpg` and `png`. */
  readonly extraFormats: OutputFormat[];
  readonly extraQualities: Quality[];
  readonly extraFeatures: string[];
  readonly preferredFormats: OutputFormat[];
  readonly rights?: string;
}

/**
 * Builds a 3.0 info.json document.
 *
 * @example Usage
 * ```ts
 * import { infoJson3 } from "./_info_json_3.ts";
 * import assert from "node:assert/strict";
 *
 * const info = infoJson3({
 *   id: "https://example.org/iiif/3/photo.jpg",
 *   info: { width: 300, height: 200 },
 *   limits: { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: false },
 *   tileWidth: 512,
 *   minSizesSize: 100,
 * });
 * assert.equal(info.type, "ImageService3");
 * assert.equal(info.extraFeatures.includes("sizeUpscaling"), false);
 * ```
 */
export function infoJson3(options: InfoJsonOptions): ImageInformation3 {
  const { info, limits } = options;
  return {
    "@context": IIIF_CONTEXT[3],
    id: options.id,
    type: "ImageService3",
    protocol: IIIF_PROTOCOL,
    profile: "level2",
    width: info.width,
    height: info.height,
    maxWidth: limits.maxWidth,
    maxHeight: limits.maxHeight,
    maxArea: limits.maxArea,
    ...imagePyramid(options),
    extraFormats: OUTPUT_FORMATS.filter((format) => !LEVEL2_FORMATS.includes(format)),
    extraQualities: QUALITIES.filter((quality) => quality !== "default"),
    extraFeatures: limits.allowUpscaling
      ? [...COMMON_FEATURES, "sizeUpscaling"]
      : [...COMMON_FEATURES],
    preferredFormats: ["jpg"],
    ...(options.rights ? { rights: options.rights } : {}),
  };
}
