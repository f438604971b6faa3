/** The part of an IIIF 3.0 info.json that says which derivatives a viewer will ask for. */
export interface WarmableImage {
  readonly width: number;
  readonly height: number;
  readonly tiles?: readonly {
    readonly width: number;
    readonly height?: number;
    readonly scaleFactors: readonly number[];
  }[];
}

/**
 * The IIIF 3.0 image paths that warm one image's cache: `full/{w},/0/default.jpg` for each width
 * (capped at the image width, as `/thumbnail` does), and with `tiles` every tile of the info.json
 * pyramid as OpenSeadragon requests it (region clipped to the image, size `ceil(w / sf),`; a tile
 * covering the whole image is region `full`, so it coincides with a full-image size).
 *
 * @example Two widths and the tiles of a 300 × 200 image with 256-pixel tiles
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmPaths } from "./_warm_paths.ts";
 *
 * const image = { width: 300, height: 200, tiles: [{ width: 256, scaleFactors: [1, 2] }] };
 * assert.deepEqual(warmPaths("a:b.tif", image, { widths: [200, 1024], tiles: true }), [
 *   "/iiif/3/a%3Ab.tif/full/200,/0/default.jpg",
 *   "/iiif/3/a%3Ab.tif/full/300,/0/default.jpg",
 *   "/iiif/3/a%3Ab.tif/0,0,256,200/256,/0/default.jpg",
 *   "/iiif/3/a%3Ab.tif/256,0,44,200/44,/0/default.jpg",
 *   "/iiif/3/a%3Ab.tif/full/150,/0/default.jpg",
 * ]);
 * ```
 *
 * @param identifier `<profile>:<name>`, percent-encoded here.
 * @param image The image's info.json.
 * @param options `widths` of the full-image derivatives; `tiles`: add the tile pyramid.
 * @returns Each path once, full images first.
 */
export function warmPaths(
  identifier: string,
  image: WarmableImage,
  options: { widths: readonly number[]; tiles: boolean },
): string[] {
  const prefix = `/iiif/3/${encodeURIComponent(identifier)}`;
  const full = options.widths.map((width) => `full/${Math.min(width, image.width)},`);
  const tiles = options.tiles ? tileRegions(image) : [];
  const paths = [...full, ...tiles].map((regionAndSize) =>
    `${prefix}/${regionAndSize}/0/default.jpg`
  );
  return [...new Set(paths)];
}

/** `{region}/{size}` of every tile at every scale factor, row by row. */
function tileRegions(image: WarmableImage): string[] {
  const regions: string[] = [];
  for (const tile of image.tiles ?? []) {
    for (const scale of tile.scaleFactors) {
      const stepX = tile.width * scale;
      const stepY = (tile.height ?? tile.width) * scale;
      for (let y = 0; y < image.height; y += stepY) {
        for (let x = 0; x < image.width; x += stepX) {
          const w = Math.min(stepX, image.width - x);
          const h = Math.min(stepY, image.height - y);
          const whole = w === image.width && h === image.height;
          regions.push(`${whole ? "full" : `${x},${y},${w},${h}`}/${Math.ceil(w / scale)},`);
        }
      }
    }
  }
  return regions;
}
