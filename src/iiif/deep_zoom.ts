import type { Rect } from "../ops/raster.ts";
import type { Dimensions } from "./dimensions.ts";

/** The tile grid of a DeepZoom pyramid: square tiles of `tileSize` plus `overlap` on inner edges. */
export interface DeepZoomLayout {
  readonly tileSize: number;
  readonly overlap: number;
}

/** The tile formats a DeepZoom source may name. */
export type DeepZoomFormat = "jpg" | "png";

/** One tile's address in a DeepZoom pyramid: `{level}/{col}_{row}`. */
export interface DeepZoomTileAddress {
  readonly level: number;
  readonly col: number;
  readonly row: number;
}

/** What a DeepZoom tile shows: a full-resolution region, and the exact size it is shown at. */
export interface DeepZoomTile {
  /** The region in full-resolution source pixels, integral and inside the image. */
  readonly region: Rect;
  readonly width: number;
  readonly height: number;
}

/**
 * The highest DeepZoom level, at the image's full resolution: `ceil(log2(max(W, H)))`,
 * so level 0 is 1×1. Counted with integers, since `Math.log2` may round a power of two.
 *
 * @example A 600×400 image
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(deepZoomMaxLevel({ width: 600, height: 400 }), 10);
 * assert.equal(deepZoomMaxLevel({ width: 512, height: 1 }), 9);
 * assert.equal(deepZoomMaxLevel({ width: 1, height: 1 }), 0);
 * ```
 */
export function deepZoomMaxLevel(image: Dimensions): number {
  const longer = Math.max(image.width, image.height);
  let level = 0;
  while (2 ** level < longer) level++;
  return level;
}

/**
 * A DeepZoom level's size: `ceil(W / 2^(max − level))` ×
 * `ceil(H / 2^(max − level))`.
 *
 * @example A 600×400 image, two levels down
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(deepZoomLevelSize({ width: 600, height: 400 }, 8), { width: 150, height: 100 });
 * ```
 *
 * @param level From 0 to {@linkcode deepZoomMaxLevel}.
 */
export function deepZoomLevelSize(image: Dimensions, level: number): Dimensions {
  const scale = 2 ** (deepZoomMaxLevel(image) - level);
  return { width: Math.ceil(image.width / scale), height: Math.ceil(image.height / scale) };
}

/**
 * Where a DeepZoom tile lies. At its level the tile spans `[col·T − O, (col+1)·T + O)` (no
 * overlap before the first column or row), cut to the level's size; the region is that span
 * times `2^(max − level)` in full-resolution pixels, cut to the image. The output size is the
 * span itself, so a tile is never upscaled and always has the size a DeepZoom viewer expects.
 *
 * With `shown`, a smaller size of the image (what a size-capped client may see), the pyramid is
 * `shown`'s: the tile is cut from it, and its region scaled up to the image by the ratio of their
 * longer sides, each edge rounded to the nearest pixel and kept inside the image. One scale for
 * both axes keeps every tile's scale within one output pixel of `shown`'s.
 *
 * @example The bottom-right tile of a 600×400 image at full resolution
 * ```ts
 * import assert from "node:assert/strict";
 * const tile = deepZoomTile({ width: 600, height: 400 }, { level: 10, col: 2, row: 1 }, {
 *   tileSize: 254,
 *   overlap: 1,
 * });
 * assert.deepEqual(tile, {
 *   region: { x: 507, y: 253, width: 93, height: 147 },
 *   width: 93,
 *   height: 147,
 * });
 * ```
 *
 * @returns The tile, or `undefined` when the level, column or row is outside the pyramid.
 */
export function deepZoomTile(
  image: Dimensions,
  address: DeepZoomTileAddress,
  layout: DeepZoomLayout & { readonly shown?: Dimensions },
): DeepZoomTile | undefined {
  const shown = layout.shown ?? image;
  const tile = pyramidTile(shown, address, layout);
  if (tile === undefined || shown === image) return tile;
  const scale = Math.max(image.width, image.height) / Math.max(shown.width, shown.height);
  const edge = (at: number, side: number) => Math.min(side, Math.round(at * scale));
  const { region } = tile;
  const x = edge(region.x, image.width);
  const y = edge(region.y, image.height);
  return {
    ...tile,
    region: {
      x,
      y,
      width: edge(region.x + region.width, image.width) - x,
      height: edge(region.y + region.height, image.height) - y,
    },
  };
}

function pyramidTile(
  image: Dimensions,
  address: DeepZoomTileAddress,
  layout: DeepZoomLayout,
): DeepZoomTile | undefined {
  const { level, col, row } = address;
  const maxLevel = deepZoomMaxLevel(image);
  if (!Number.isSafeInteger(level) || level < 0 || level > maxLevel) return undefined;
  const levelSize = deepZoomLevelSize(image, level);
  const across = tileSpan(col, levelSize.width, layout);
  const down = tileSpan(row, levelSize.height, layout);
  if (!across || !down) return undefined;
  const scale = 2 ** (maxLevel - level);
  const x = across.start * scale;
  const y = down.start * scale;
  return {
    region: {
      x,
      y,
      width: Math.min(image.width, across.end * scale) - x,
      height: Math.min(image.height, down.end * scale) - y,
    },
    width: across.end - across.start,
    height: down.end - down.start,
  };
}

/** One axis of a tile at its level, or `undefined` past the last tile. */
function tileSpan(
  index: number,
  levelLength: number,
  layout: DeepZoomLayout,
): { start: number; end: number } | undefined {
  const { tileSize, overlap } = layout;
  if (!Number.isSafeInteger(index) || index < 0 || index * tileSize >= levelLength) {
    return undefined;
  }
  const start = index * tileSize - (index > 0 ? overlap : 0);
  const end = Math.min(levelLength, (index + 1) * tileSize + overlap);
  return { start, end };
}

/**
 * An image's `.dzi` descriptor, as OpenSeadragon and Deep Zoom Composer read it.
 *
 * @example A 600×400 image
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   deepZoomDescriptor({ width: 600, height: 400 }, { tileSize: 254, overlap: 1, format: "jpg" }),
 *   '<?xml version="1.0" encoding="UTF-8"?>\n' +
 *     '<Image TileSize="254" Overlap="1" Format="jpg" ' +
 *     'xmlns="http://schemas.microsoft.com/deepzoom/2008"><Size Width="600" Height="400"/>' +
 *     "</Image>\n",
 * );
 * ```
 */
export function deepZoomDescriptor(
  image: Dimensions,
  options: DeepZoomLayout & { readonly format: DeepZoomFormat },
): string {
  // Only integers and one of two fixed words go in, so no attribute needs escaping.
  const { tileSize, overlap, format } = options;
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Image TileSize="${tileSize}" Overlap="${overlap}" Format="${format}" ` +
    `xmlns="${DEEP_ZOOM_NAMESPACE}"><Size Width="${image.width}" Height="${image.height}"/>` +
    "</Image>\n";
}

const DEEP_ZOOM_NAMESPACE = "http://schemas.microsoft.com/deepzoom/2008";
