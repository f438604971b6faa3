import type { ByteSource } from "../region_reader.ts";
import { readPyramidLevels } from "./_pyramid_levels.ts";
import { PyramidalTiff } from "./_pyramidal_tiff.ts";
import { TiffFile } from "./_tiff_file.ts";
import type { TiffReader } from "./tiff_reader.ts";

/**
 * Opens a TIFF or BigTIFF (either byte order) for reading regions, reading only its header and
 * image directories: a level's tile index is read when the level is first used, and then only
 * the tiles a region overlaps.
 *
 * Levels are the first image and its reductions, stored as the directories after it or as its
 * SubIFDs, largest first; masks and other pages are left out. Tiles and strips compressed with
 * none, LZW, Deflate, PackBits or JPEG (with JPEGTables) are read, with horizontal differencing;
 * 1-, 2-, 4-, 8- and 16-bit gray (MinIsBlack or MinIsWhite), 8- and 16-bit RGB, each with
 * associated or unassociated alpha, 1- to 8-bit palette images, and 8- and 16-bit CMYK (InkSet
 * 1, without alpha or JPEG compression), with samples interleaved (PlanarConfiguration 1).
 * 16-bit samples become 8-bit as `round(v / 257)`.
 *
 * Regions come out sRGB: converted from the level's ICC profile (InterColorProfile, or the first
 * level's when a reduction has none) by Little CMS; CMYK through its profile, or the naive
 * formula without one. A level whose profile changes its pixels offers no JPEG tiles for
 * passthrough.
 *
 * @example Usage
 * ```ts
 * import { openTiff } from "./mod.ts";
 * import { encodeTiff } from "../encode_tiff.ts";
 * import assert from "node:assert/strict";
 *
 * const red = { width: 2, height: 1, data: new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]) };
 * const bytes = encodeTiff(red);
 * const source = { size: bytes.length, read: async (at: number, n: number) => bytes.slice(at, at + n) };
 * const tiff = await openTiff(source);
 * assert.deepEqual(tiff.levels, [{ width: 2, height: 1, tileWidth: 2, tileHeight: 1 }]);
 * const pixel = await tiff.readRegion(0, { x: 1, y: 0, width: 1, height: 1 }, (n) => new Uint8Array(n));
 * assert.deepEqual([...pixel.data], [0, 0, 255, 255]);
 * ```
 *
 * @throws {CorruptSourceError} When the header or a directory is broken, directories loop, or
 *   counts are absurd.
 * @throws {UnsupportedSourceError} When the first image uses a compression, colour space or
 *   sample layout that is not read (planar configuration 2, CMYK with alpha, floating point
 *   …), naming it.
 */
export async function openTiff(source: ByteSource): Promise<TiffReader> {
  const file = await TiffFile.open(source);
  return new PyramidalTiff(file, await readPyramidLevels(file));
}
