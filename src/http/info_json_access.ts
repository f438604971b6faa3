import { AUTH_CONTEXT, type AuthProbeService2 } from "../access/mod.ts";
import type { ImagePyramid, SourceImageInfo } from "../iiif/mod.ts";
import type { ImageAccess } from "./access_check.ts";

/** An info.json document of either version, as `buildInfoJson` makes it. */
type InfoDocument = ImagePyramid & { readonly "@context": string };

/**
 * What access changes in an info.json: a capped request sees only the tile scale factors that
 * stay within the cap (the sizes and limits were already capped by planning with the capped
 * limits), and a `token` profile lists its probe service. A 3.0 document then names the
 * Authorization Flow context first, as JSON-LD 1.1 wants extension contexts before the API's.
 *
 * @param document The info.json built with the limits the request may use.
 * @param options The request's access, the image's size, and the probe service when listed.
 * @returns The document to send.
 */
export function infoWithAccess(
  document: InfoDocument,
  options: {
    readonly access: ImageAccess;
    readonly image: Pick<SourceImageInfo, "width" | "height">;
    readonly probe?: AuthProbeService2;
  },
): object {
  const { access, image, probe } = options;
  if (access.cap === null && probe === undefined) return document;
  const { tiles, ...rest } = document;
  // With no scale factor left, no tile is listed: a viewer then asks for whole-image sizes.
  const shown = access.cap === null ? tiles : cappedTiles(tiles, image, access.cap);
  const capped = shown.length > 0 ? { ...rest, tiles: shown } : rest;
  if (probe === undefined) return capped;
  const version3 = !document["@context"].includes("/image/2/");
  return version3
    ? { ...capped, "@context": [AUTH_CONTEXT, document["@context"]], service: [probe] }
    : { ...capped, service: [{ "@context": AUTH_CONTEXT, ...probe }] };
}

/** Tiles with only the scale factors at which the whole image fits in `cap`. */
function cappedTiles(
  tiles: ImagePyramid["tiles"],
  image: Pick<SourceImageInfo, "width" | "height">,
  cap: number,
): ImagePyramid["tiles"] {
  const smallest = Math.max(image.width, image.height) / cap;
  return tiles
    .map((tile) => ({ ...tile, scaleFactors: tile.scaleFactors.filter((f) => f >= smallest) }))
    .filter((tile) => tile.scaleFactors.length > 0);
}
