import { checkIdentifier } from "./check_identifier.ts";
import type { IiifVersion, ImageRequest } from "./image_request.ts";
import { parseQualityAndFormat } from "./parse_quality_and_format.ts";
import { parseRegion } from "./parse_region.ts";
import { parseRotation } from "./parse_rotation.ts";
import { parseSize } from "./parse_size.ts";

/** The path segments of an image request, each percent-decoded once by the HTTP layer. */
export interface ImageRequestParams {
  readonly identifier: string;
  readonly region: string;
  readonly size: string;
  readonly rotation: string;
  /** The last segment, `{quality}.{format}`. */
  readonly file: string;
}

/**
 * Checks the syntax of a whole image request, parameter by parameter in URL order, before any
 * source is touched (so a bad request is a 400 whatever the identifier).
 *
 * @example Usage
 * ```ts
 * import { parseImageRequest } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const request = parseImageRequest({
 *   identifier: "a/b.jpg",
 *   region: "full",
 *   size: "max",
 *   rotation: "!90",
 *   file: "gray.png",
 * }, 3);
 * assert.deepEqual(request, {
 *   version: 3,
 *   identifier: "a/b.jpg",
 *   region: { kind: "full" },
 *   size: { upscale: false, kind: "max" },
 *   rotation: { degrees: 90, mirror: true },
 *   quality: "gray",
 *   format: "png",
 * });
 * ```
 *
 * @param params The five segments.
 * @param version The API version the request was made under.
 * @throws {IiifSyntaxError} At the first invalid parameter, or for an empty identifier or one
 * holding control characters.
 */
export function parseImageRequest(params: ImageRequestParams, version: IiifVersion): ImageRequest {
  const { identifier } = params;
  checkIdentifier(identifier);
  return {
    version,
    identifier,
    region: parseRegion(params.region),
    size: parseSize(params.size, version),
    rotation: parseRotation(params.rotation),
    ...parseQualityAndFormat(params.file),
  };
}
