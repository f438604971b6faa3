import type { Raster } from "../ops/raster.ts";
import { activeJpegCodec } from "./active_jpeg_codec.ts";
import { halvedRaster } from "./_halved_raster.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { assembleTiff, FIELD, type IfdEntry, type TiffDirectory } from "./_tiff_directories.ts";

/** Side of the square tiles, as `vips tiffsave --tile` writes them by default. */
const TILE = 256;
const { SHORT, LONG } = FIELD;

/**
 * Writes a pyramidal TIFF of JPEG tiles, as `vips tiffsave --tile --pyramid --compression jpeg`
 * does: the full image, then reductions by 2 (NewSubfileType 1, each side rounded up) down to
 * the first that fits one tile. Tiles are 256×256, edge tiles padded with their last column and
 * row; each is a complete JPEG with its own tables (no JPEGTables), YCbCr 4:2:0 from the active
 * JPEG codec. Alpha is dropped.
 *
 * @example Usage
 * ```ts
 * import { encodeTiledJpegTiff } from "./encode_tiled_jpeg_tiff.ts";
 * import assert from "node:assert/strict";
 *
 * const gray = { width: 300, height: 200, data: new Uint8Array(300 * 200 * 4).fill(128) };
 * const tiff = await encodeTiledJpegTiff(gray, { jpegQuality: 90 });
 * assert.deepEqual([...tiff.subarray(0, 4)], [0x49, 0x49, 42, 0]);
 * ```
 *
 * @param options `jpegQuality`: 1–100.
 * @throws {RangeError} When `raster.data` is shorter than the image.
 */
export async function encodeTiledJpegTiff(
  raster: Raster,
  options: { jpegQuality: number },
): Promise<Uint8Array> {
  const directories: TiffDirectory[] = [];
  let level: Raster = { width: raster.width, height: raster.height, data: pixelsOf(raster) };
  for (;;) {
    directories.push(await levelDirectory(level, directories.length > 0, options.jpegQuality));
    if (level.width <= TILE && level.height <= TILE) break;
    level = halvedRaster(level);
  }
  return assembleTiff(directories);
}

async function levelDirectory(
  level: Raster,
  reduced: boolean,
  jpegQuality: number,
): Promise<TiffDirectory> {
  const codec = activeJpegCodec();
  const tile = { width: TILE, height: TILE, data: new Uint8Array(TILE * TILE * 4) };
  const tiles: Uint8Array[] = [];
  for (let top = 0; top < level.height; top += TILE) {
    for (let left = 0; left < level.width; left += TILE) {
      copyPadded(level, left, top, tile.data);
      tiles.push(await codec.encode(tile, { jpegQuality, subsampling: "420", gray: false }));
    }
  }
  return { chunks: tiles, entries: (offsets) => levelEntries(level, reduced, offsets, tiles) };
}

/** Copies the tile at (`left`, `top`), repeating the level's last column and row beyond it. */
function copyPadded(level: Raster, left: number, top: number, tile: Uint8Array): void {
  const width = Math.min(TILE, level.width - left);
  for (let y = 0; y < TILE; y++) {
    const start = (Math.min(top + y, level.height - 1) * level.width + left) * 4;
    const row = y * TILE * 4;
    tile.set(level.data.subarray(start, start + width * 4), row);
    const last = tile.slice(row + (width - 1) * 4, row + width * 4);
    for (let x = width; x < TILE; x++) tile.set(last, row + x * 4);
  }
}

function levelEntries(
  level: Raster,
  reduced: boolean,
  tileOffsets: readonly number[],
  tiles: readonly Uint8Array[],
): IfdEntry[] {
  return [
    { tag: 254, type: LONG, values: [reduced ? 1 : 0] }, // NewSubfileType: reduced image
    { tag: 256, type: LONG, values: [level.width] }, // ImageWidth
    { tag: 257, type: LONG, values: [level.height] }, // ImageLength
    { tag: 258, type: SHORT, values: [8, 8, 8] }, // BitsPerSample
    { tag: 259, type: SHORT, values: [7] }, // Compression: JPEG (TIFF Technical Note 2)
    { tag: 262, type: SHORT, values: [6] }, // PhotometricInterpretation: YCbCr
    { tag: 277, type: SHORT, values: [3] }, // SamplesPerPixel
    { tag: 284, type: SHORT, values: [1] }, // PlanarConfiguration: chunky
    { tag: 322, type: LONG, values: [TILE] }, // TileWidth
    { tag: 323, type: LONG, values: [TILE] }, // TileLength
    { tag: 324, type: LONG, values: tileOffsets }, // TileOffsets
    { tag: 325, type: LONG, values: tiles.map((tile) => tile.length) }, // TileByteCounts
    { tag: 530, type: SHORT, values: [2, 2] }, // YCbCrSubSampling: as the tiles are coded
  ];
}
