import { COMMON_FEATURES } from "./_common_features.ts";
import { type ImagePyramid, imagePyramid } from "./_image_pyramid.ts";
import type { OutputFormat, Quality } from "./image_request.ts";
import { IIIF_CONTEXT, IIIF_PROFILE, IIIF_PROTOCOL } from "./iiif_uris.ts";
import type { InfoJsonOptions } from "./info_json_options.ts";
import { OUTPUT_FORMATS, QUALITIES } from "./qualities_and_formats.ts";

/** The 2.1 features Tessera implements (`sizeAboveFull` is added when upscaling is allowed). */
const SUPPORTS = [
  ...COMMON_FEATURES,
  "sizeByDistortedWh",
  "sizeByForcedWh",
  "sizeByWhListed",
] as const;

/** The second item of a 2.1 `profile`: what the service does beyond level 2, and its limits. */
export interface ProfileDescription2 {
  readonly formats: OutputFormat[];
  readonly qualities: Quality[];
  readonly supports: string[];
  readonly maxWidth: number;
  readonly maxHeight: number;
  readonly maxArea: number;
}

/** A 2.1 image information document (info.json). */
export interface ImageInformation2 extends ImagePyramid {
  readonly "@context": typeof IIIF_CONTEXT[2];
  readonly "@id": string;
  readonly protocol: typeof IIIF_PROTOCOL;
  readonly width: number;
  readonly height: number;
  readonly profile: [typeof IIIF_PROFILE[2], ProfileDescription2];
  readonly license?: string;
}

/**
 * Builds a 2.1 info.json document.
 *
 * @example Usage
 * ```ts
 * import { infoJson2 } from "./_info_json_2.ts";
 * import assert from "node:assert/strict";
 *
 * const info = infoJson2({
 *   id: "https://example.org/iiif/2/photo.jpg",
 *   info: { width: 300, height: 200 },
 *   limits: { maxWidth: 10000, maxHeight: 10000, maxArea: 1e8, allowUpscaling: true },
 *   tileWidth: 512,
 *   minSizesSize: 100,
 * });
 * assert.equal(info.profile[0], "http://iiif.io/api/image/2/level2.json");
 * assert.equal(info.profile[1].supports.includes("sizeAboveFull"), true);
 * ```
 */
export function infoJson2(options: InfoJsonOptions): ImageInformation2 {
  const { info, limits } = options;
  return {
    "@context": IIIF_CONTEXT[2],
    "@id": options.id,
    protocol: IIIF_PROTOCOL,
    width: info.width,
    height: info.height,
    profile: [IIIF_PROFILE[2], {
      formats: [...OUTPUT_FORMATS],
      qualities: [...QUALITIES],
      supports: (limits.allowUpscaling ? [...SUPPORTS, "sizeAboveFull"] : [...SUPPORTS]).sort(),
      maxWidth: limits.maxWidth,
      maxHeight: limits.maxHeight,
      maxArea: limits.maxArea,
    }],
    ...imagePyramid(options),
    ...(options.rights ? { license: options.rights } : {}),
  };
}
