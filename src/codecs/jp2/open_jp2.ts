import type { Raster, Rect } from "../../ops/raster.ts";
import type { Allocate } from "../_allocate_raster.ts";
import { convertToSrgb } from "../colour/mod.ts";
import { CorruptSourceError } from "../errors.ts";
import type { ByteSource, RegionReader, SourceLevel } from "../region_reader.ts";
import { decodeRegion, type RegionRequest } from "./_decode_region.ts";
import { type Jp2Header, parseJp2Header } from "./_jp2_header.ts";
import { gridAreaOf, levelsOf, tilesOf } from "./_level_geometry.ts";
import { SparseBytes } from "./_sparse_bytes.ts";
import { indexTileParts, type TilePart } from "./_tile_part_index.ts";
import { type OpenJpegSymbols, openJpegSymbols } from "./jp2_library.ts";

/** The first read of the header; it doubles until the main header fits. */
const FIRST_HEAD_LENGTH = 16 * 1024;
/**
 * How far past a byte OpenJPEG missed the first retry fetches; each further retry fetches twice
 * as far. The tile-part index foresees every read of a well-formed codestream, so only a damaged
 * one or an unforeseen layout needs retries, and doubling keeps a decode that walks on through
 * unindexed tile-parts to a few.
 */
const FIRST_REACH = 64 * 1024;

/**
 * Opens a JPEG 2000 source (a JP2 file or a raw codestream) for region reads through OpenJPEG.
 * It reads the header and finds the tile-parts (from TLM markers, or a walk over the SOT
 * markers: 12 bytes per tile-part); each {@linkcode RegionReader.readRegion} then fetches only
 * the tile-parts its region touches, and OpenJPEG decodes only that region, at the level's
 * resolution; the pixels are then converted to sRGB from the file's ICC profile, if it has one.
 *
 * @example Usage
 * ```ts ignore
 * import { openJp2 } from "./mod.ts";
 *
 * const reader = await openJp2(source);
 * const tile = await reader.readRegion(2, { x: 0, y: 0, width: 256, height: 256 }, allocate);
 * ```
 *
 * @throws {UnsupportedSourceError} When OpenJPEG is not installed (the message says to install
 * libopenjp2-7), or for subsampled components, more than four channels, CMYK, CIELab or YCC.
 * @throws {CorruptSourceError} When the header is broken or the file ends inside it.
 */
export async function openJp2(source: ByteSource): Promise<RegionReader> {
  const symbols = openJpegSymbols();
  const { header, head } = await readHeader(source);
  const headers = new SparseBytes(source.size, [{ offset: 0, bytes: head }]);
  const end = Math.min(header.codestreamEnd ?? source.size, source.size);
  const parts = await indexTileParts(source, header, headers, end);
  return new Jp2RegionReader(symbols, source, { header, headers, parts });
}

/** Reads ever longer heads of the file until its header parses. */
async function readHeader(source: ByteSource): Promise<{ header: Jp2Header; head: Uint8Array }> {
  for (let length = FIRST_HEAD_LENGTH;; length *= 2) {
    const head = await source.read(0, Math.min(length, source.size));
    const header = parseJp2Header(head);
    if (header !== undefined) return { header, head };
    if (head.length === source.size) {
      throw new CorruptSourceError(
        `Cannot read JPEG 2000 header: the ${source.size}-byte file ends before its first ` +
          "tile-part",
      );
    }
  }
}

/** What {@linkcode openJp2} learnt of a source. */
interface OpenedJp2 {
  readonly header: Jp2Header;
  /** The bytes every decode reads: boxes, main header, SOT markers, EOC. */
  readonly headers: SparseBytes;
  readonly parts: readonly TilePart[];
}

/** A JPEG 2000 source opened by {@linkcode openJp2}. */
class Jp2RegionReader implements RegionReader {
  readonly levels: readonly SourceLevel[];
  readonly hasAlpha: boolean;
  readonly #symbols: OpenJpegSymbols;
  readonly #source: ByteSource;
  readonly #opened: OpenedJp2;

  constructor(symbols: OpenJpegSymbols, source: ByteSource, opened: OpenedJp2) {
    this.#symbols = symbols;
    this.#source = source;
    this.#opened = opened;
    this.levels = levelsOf(opened.header);
    this.hasAlpha = opened.header.channels % 2 === 0;
  }

  /** {@inheritDoc RegionReader.readRegion} */
  async readRegion(level: number, rect: Rect, allocate: Allocate): Promise<Raster> {
    this.#checkRange(level, rect);
    const { header, headers, parts } = this.#opened;
    const area = gridAreaOf(header, level, rect);
    const tiles = new Set(tilesOf(header, area));
    const bytes = headers.clone();
    await bytes.fetch(this.#source, parts.filter((part) => tiles.has(part.tile)));
    const { width, height } = rect;
    const raster = await this.#decode(
      bytes,
      { format: header.format, reduce: level, area, width, height },
      allocate,
    );
    if (header.iccProfile !== undefined) convertToSrgb(raster, header.iccProfile);
    return raster;
  }

  /** Decodes from `bytes`, fetching what OpenJPEG asks for beyond them and trying again. */
  async #decode(bytes: SparseBytes, request: RegionRequest, allocate: Allocate): Promise<Raster> {
    // Ends: every retry fetches bytes OpenJPEG asked for that were not cached yet.
    for (let retry = 0;; retry++) {
      const outcome = decodeRegion(this.#symbols, bytes, request, allocate);
      if ("raster" in outcome) return outcome.raster;
      const reach = FIRST_REACH * 2 ** retry;
      const missing = outcome.missing.map(({ offset, length }) => ({
        offset,
        length: Math.max(length, reach),
      }));
      await bytes.fetch(this.#source, missing);
    }
  }

  #checkRange(level: number, rect: Rect): void {
    const size = this.levels[level];
    if (!Number.isInteger(level) || size === undefined) {
      throw new RangeError(
        `Cannot read JPEG 2000 level "${level}": it has levels 0 to ${this.levels.length - 1}`,
      );
    }
    const { x, y, width, height } = rect;
    if (
      ![x, y, width, height].every(Number.isInteger) || x < 0 || y < 0 || width < 1 ||
      height < 1 || x + width > size.width || y + height > size.height
    ) {
      throw new RangeError(
        `Cannot read region "${x},${y},${width},${height}" of JPEG 2000 level ${level}: it is ` +
          `${size.width}x${size.height}`,
      );
    }
  }
}
