import type { Raster, Rect } from "../ops/raster.ts";
import type { Allocate } from "./_allocate_raster.ts";

/**
 * Random access to a source's bytes, so a reader fetches only the parts a request needs (the
 * header, the index, the tiles over a region) from a local file or a remote store.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /**
   * The `length` bytes at `offset`.
   *
   * @param into Where to put them, `length` bytes long: returned filled, by sources that read
   *   into a given buffer (local files); others return a buffer of their own.
   * @throws {CorruptSourceError} When the range reaches past `size`.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
}

/** One stored resolution of a multi-resolution source: its size and its tile grid. */
export interface SourceLevel {
  readonly width: number;
  readonly height: number;
  /** Tile (or strip) size; an untiled level is one tile of the whole level. */
  readonly tileWidth: number;
  readonly tileHeight: number;
}

/**
 * An opened tiled or multi-resolution source (pyramidal TIFF, JPEG 2000) that decodes any
 * rectangle of any stored level without decoding the rest.
 */
export interface RegionReader {
  /** Level 0 is the full resolution; each next level is smaller. */
  readonly levels: readonly SourceLevel[];
  readonly hasAlpha: boolean;
  /**
   * Decodes `rect` of level `level` to RGBA8 in a buffer from `allocate`. `rect` holds whole
   * pixels inside the level.
   *
   * @throws {CorruptSourceError} When the data behind the region is broken.
   * @throws {UnsupportedSourceError} For a variant the reader cannot decode.
   * @throws {RangeError} When `level` or `rect` is out of range.
   */
  readRegion(level: number, rect: Rect, allocate: Allocate): Promise<Raster>;
  /**
   * The stored bytes of tile (`col`, `row`) of `level` as a standalone JPEG, when that level
   * stores 8-bit JPEG tiles without alpha (TIFF); `undefined` otherwise. Edge tiles are stored
   * padded to the whole tile size.
   */
  jpegTile?(level: number, col: number, row: number): Promise<Uint8Array | undefined>;
}

/** A pyramid's levels that IIIF scale factors can address, with their scales. */
export interface ScaledLevels {
  /** Powers of two, ascending from 1. */
  readonly scales: readonly number[];
  /** For each scale, the index of its level in `RegionReader.levels`. */
  readonly indices: readonly number[];
}

/**
 * The levels that are power-of-two reductions of level 0, each side within one pixel of
 * `W / 2^k` (tools round either way: vips down, JPEG 2000 up); others (a thumbnail of another
 * shape) are never used for planning. The probe and the worker both call this, so they agree on
 * which level a plan's scale means.
 *
 * @example A pyramid written by vips
 * ```ts
 * import assert from "node:assert/strict";
 * const tile = { tileWidth: 256, tileHeight: 256 };
 * const levels = [
 *   { width: 6001, height: 4001, ...tile },
 *   { width: 3000, height: 2000, ...tile },
 *   { width: 160, height: 120, ...tile },
 *   { width: 1500, height: 1000, ...tile },
 * ];
 * assert.deepEqual(scaledLevels(levels), { scales: [1, 2, 4], indices: [0, 1, 3] });
 * ```
 */
export function scaledLevels(levels: readonly SourceLevel[]): ScaledLevels {
  const [full] = levels;
  const byScale = new Map<number, number>();
  levels.forEach((level, index) => {
    const scale = 2 ** Math.round(Math.log2(full.width / level.width));
    const near = (whole: number, side: number) => Math.abs(whole / scale - side) < 1;
    if (near(full.width, level.width) && near(full.height, level.height) && !byScale.has(scale)) {
      byScale.set(scale, index);
    }
  });
  const scales = [...byScale.keys()].sort((a, b) => a - b);
  return { scales, indices: scales.map((scale) => byScale.get(scale)!) };
}
