import type { Raster, Rect } from "../../ops/raster.ts";
import { type Allocate, allocateRaster } from "../_allocate_raster.ts";
import { CorruptSourceError } from "../errors.ts";
import type { SourceLevel } from "../region_reader.ts";
import { chunkArea, copyOverlap, overlappingChunks } from "./_chunk_geometry.ts";
import { decodeChunk, reverseBits } from "./_decode_chunk.ts";
import { jpegColourOf } from "./_jpeg_colour.ts";
import { LevelColours, regionToSrgb } from "./_level_colours.ts";
import { type LevelIndex, readLevelIndex } from "./_level_index.ts";
import { type ByteRange, readRanges } from "./_read_ranges.ts";
import { copyRgbaRow, rgbaRowConverter } from "./_rgba_rows.ts";
import { headInPlace, standaloneJpegHead } from "./_standalone_jpeg.ts";
import type { TiffFile } from "./_tiff_file.ts";
import type { TiffLevel } from "./_tiff_level.ts";
import { COMPRESSION } from "./_tiff_tags.ts";
import type { TiffReader } from "./tiff_reader.ts";

/**
 * A TIFF's levels, decoded tile by tile and converted to sRGB; each level's index and ICC profile
 * are read when first used.
 */
export class PyramidalTiff implements TiffReader {
  readonly levels: readonly SourceLevel[];
  readonly hasAlpha: boolean;
  readonly #file: TiffFile;
  readonly #levels: readonly TiffLevel[];
  readonly #indexes = new Map<number, Promise<LevelIndex>>();
  readonly #jpegHeads = new Map<number, Uint8Array>();
  readonly #colours: LevelColours;

  constructor(file: TiffFile, levels: readonly TiffLevel[]) {
    this.#file = file;
    this.#levels = levels;
    this.#colours = new LevelColours(file, levels);
    this.levels = levels.map(({ width, height, tileWidth, tileHeight }) => ({
      width,
      height,
      tileWidth,
      tileHeight,
    }));
    this.hasAlpha = levels[0].alpha !== "none";
  }

  /** {@inheritDoc RegionReader.readRegion} */
  async readRegion(level: number, rect: Rect, allocate: Allocate): Promise<Raster> {
    const tiff = this.#level(level);
    checkRect(tiff, rect, level);
    // Read alongside the index and tiles; its rejection is handled where it is cached.
    const profile = this.#colours.profile(level);
    const index = await this.#index(level);
    const chunks = overlappingChunks(tiff, rect);
    const stored = await readRanges(
      this.#file.source,
      chunks.map((chunk) => rangeOf(index, chunk)),
    );
    const raster = allocateRaster(rect.width, rect.height, allocate);
    const convert = tiff.compression === COMPRESSION.JPEG
      ? copyRgbaRow
      : rgbaRowConverter(tiff, index.palette);
    const scratch = reusedBuffer();
    for (const [position, chunk] of chunks.entries()) {
      const area = chunkArea(tiff, chunk);
      const rows = tiff.tiled ? tiff.tileHeight : area.height;
      const { littleEndian } = this.#file;
      const decoded = await decodeChunk(tiff, index, stored[position], {
        rows,
        littleEndian,
        scratch,
      });
      copyOverlap({ ...decoded, area }, rect, raster.data, convert);
    }
    regionToSrgb(raster, tiff, await profile);
    return raster;
  }

  /** {@inheritDoc TiffReader.jpegTile} */
  async jpegTile(level: number, col: number, row: number): Promise<Uint8Array | undefined> {
    const tiff = this.#level(level);
    if (!isTileIn(col, tiff.chunksAcross) || !isTileIn(row, tiff.chunksDown)) {
      throw new RangeError(`Cannot read tile (${col}, ${row}) of level ${level}: out of range`);
    }
    if (!tiff.tiled || tiff.compression !== COMPRESSION.JPEG || tiff.alpha !== "none") {
      return undefined;
    }
    // The stored tile would skip the conversion to sRGB that readRegion makes.
    if (await this.#colours.changesPixels(level)) return undefined;
    const index = await this.#index(level);
    const { offset, length } = rangeOf(index, row * tiff.chunksAcross + col);
    const head = this.#jpegHead(level, index);
    // Read straight into the JPEG it becomes: one buffer per tile (sources that cannot read into
    // a given buffer, S3, copy theirs in once).
    const jpeg = new Uint8Array(head.length - 2 + length);
    const tile = jpeg.subarray(head.length - 2);
    const stored = await this.#file.source.read(offset, length, tile);
    if (stored !== tile) tile.set(stored);
    if (tiff.reversedBits) tile.set(reverseBits(tile));
    return headInPlace(jpeg, head);
  }

  /** What goes before each stored tile's frame in the standalone JPEGs of `level`. */
  #jpegHead(level: number, index: LevelIndex): Uint8Array {
    let head = this.#jpegHeads.get(level);
    if (head === undefined) {
      head = standaloneJpegHead(index.jpegTables, jpegColourOf(this.#levels[level]));
      this.#jpegHeads.set(level, head);
    }
    return head;
  }

  #level(level: number): TiffLevel {
    const tiff = this.#levels[level];
    if (!Number.isInteger(level) || tiff === undefined) {
      throw new RangeError(`Cannot read level ${level}: the TIFF has ${this.#levels.length}`);
    }
    return tiff;
  }

  /** The level's index, read once; a failed read is retried next time (it may be transient). */
  #index(level: number): Promise<LevelIndex> {
    let index = this.#indexes.get(level);
    if (index === undefined) {
      index = readLevelIndex(this.#file, this.#levels[level]);
      index.catch(() => this.#indexes.delete(level));
      this.#indexes.set(level, index);
    }
    return index;
  }
}

function checkRect(level: TiffLevel, rect: Rect, number: number): void {
  const { x, y, width, height } = rect;
  const whole = [x, y, width, height].every(Number.isInteger);
  if (
    !whole || x < 0 || y < 0 || width < 1 || height < 1 || x + width > level.width ||
    y + height > level.height
  ) {
    throw new RangeError(
      `Cannot read region ${x},${y},${width},${height} of level ${number}: it is not inside ` +
        `${level.width}x${level.height}`,
    );
  }
}

function isTileIn(position: number, count: number): boolean {
  return Number.isInteger(position) && position >= 0 && position < count;
}

function rangeOf(index: LevelIndex, chunk: number): ByteRange {
  const length = index.byteCounts[chunk];
  if (length === 0) {
    throw new CorruptSourceError(`Cannot read TIFF: tile or strip ${chunk} has no data`);
  }
  return { offset: index.offsets[chunk], length };
}

/** An allocator that hands out one buffer, grown when needed: JPEG tiles are decoded one by one. */
function reusedBuffer(): Allocate {
  let buffer = new Uint8Array(0);
  return (byteLength) => {
    if (buffer.length < byteLength) buffer = new Uint8Array(byteLength);
    return buffer;
  };
}
