import { CorruptSourceError, UnsupportedSourceError } from "../errors.ts";
import type { SourceLevel } from "../region_reader.ts";
import type { Ifd, IfdEntry, TiffFile } from "./_tiff_file.ts";
import { readSampleLayout, type SampleLayout } from "./_sample_layout.ts";
import { COMPRESSION, TAG, UNSUPPORTED_COMPRESSION_NAMES } from "./_tiff_tags.ts";

/** More tiles or strips than a terapixel image of 256² tiles needs: the count is garbage. */
const MAX_CHUNKS = 1 << 24;
/** The largest tile or strip decoded in one piece; beyond it the file should be re-saved tiled. */
const MAX_CHUNK_BYTES = 1 << 28;
const SUPPORTED_COMPRESSIONS: ReadonlySet<number> = new Set(Object.values(COMPRESSION));

/** One image directory the reader can decode: its geometry and how its samples are stored. */
export interface TiffLevel extends SourceLevel, SampleLayout {
  readonly ifd: Ifd;
  readonly tiled: boolean;
  /** Tiles per row (1 for strips) and tile rows (or strips). */
  readonly chunksAcross: number;
  readonly chunksDown: number;
  readonly compression: number;
  /** Predictor 2, horizontal differencing. */
  readonly differencing: boolean;
  /** FillOrder 2: the bits of every stored byte are in reverse order. */
  readonly reversedBits: boolean;
  readonly offsetsEntry: IfdEntry;
  readonly byteCountsEntry: IfdEntry;
}

/**
 * Reads how a directory stores its image, checking that the reader can decode it.
 *
 * @throws {CorruptSourceError} When required tags are missing or inconsistent.
 * @throws {UnsupportedSourceError} For a compression, colour space or sample layout Tessera does
 *   not read, naming it.
 */
export async function readTiffLevel(file: TiffFile, ifd: Ifd): Promise<TiffLevel> {
  const scalar = (tag: number, fallback?: number) => file.scalar(ifd, tag, fallback);
  const width = scalar(TAG.IMAGE_WIDTH);
  const height = scalar(TAG.IMAGE_LENGTH);
  if (width < 1 || height < 1) {
    throw new CorruptSourceError(`Cannot read TIFF: the image is ${width}x${height} pixels`);
  }
  const compression = checkedCompression(scalar(TAG.COMPRESSION, COMPRESSION.NONE));
  const samples = await readSampleLayout(file, ifd, compression);
  const grid = chunkGrid(file, ifd, width, height);
  const rowBytes = Math.ceil(
    (grid.tileWidth * samples.samplesPerPixel * samples.bitsPerSample) / 8,
  );
  if (rowBytes * grid.tileHeight > MAX_CHUNK_BYTES) {
    throw new UnsupportedSourceError(
      `Cannot read TIFF: its ${grid.tileWidth}x${grid.tileHeight} tiles or strips are too large ` +
        "to decode one at a time; save it tiled (e.g. 256x256)",
    );
  }
  return {
    ifd,
    width,
    height,
    ...grid,
    compression,
    ...samples,
    differencing: checkedPredictor(scalar(TAG.PREDICTOR, 1), samples.bitsPerSample),
    reversedBits: scalar(TAG.FILL_ORDER, 1) === 2,
  };
}

function checkedCompression(compression: number): number {
  if (SUPPORTED_COMPRESSIONS.has(compression)) return compression;
  const name = UNSUPPORTED_COMPRESSION_NAMES[compression] ?? `number ${compression}`;
  throw new UnsupportedSourceError(`Cannot read TIFF with ${name} compression`);
}

function checkedPredictor(predictor: number, bits: number): boolean {
  if (predictor === 1) return false;
  if (predictor === 2 && (bits === 8 || bits === 16)) return true;
  throw new UnsupportedSourceError(
    `Cannot read TIFF with predictor ${predictor} on ${bits}-bit samples`,
  );
}

type ChunkGrid = Pick<
  TiffLevel,
  | "tiled"
  | "tileWidth"
  | "tileHeight"
  | "chunksAcross"
  | "chunksDown"
  | "offsetsEntry"
  | "byteCountsEntry"
>;

function chunkGrid(file: TiffFile, ifd: Ifd, width: number, height: number): ChunkGrid {
  const tiled = ifd.entries.has(TAG.TILE_WIDTH);
  const scalar = (tag: number, fallback?: number) => file.scalar(ifd, tag, fallback);
  const tileWidth = tiled ? scalar(TAG.TILE_WIDTH) : width;
  const tileHeight = tiled
    ? scalar(TAG.TILE_LENGTH)
    : Math.min(height, scalar(TAG.ROWS_PER_STRIP, height) || height);
  if (tileWidth < 1 || tileHeight < 1) {
    throw new CorruptSourceError(`Cannot read TIFF with ${tileWidth}x${tileHeight} tiles`);
  }
  const chunksAcross = Math.ceil(width / tileWidth);
  const chunksDown = Math.ceil(height / tileHeight);
  const offsetsEntry = ifd.entries.get(tiled ? TAG.TILE_OFFSETS : TAG.STRIP_OFFSETS);
  const byteCountsEntry = ifd.entries.get(tiled ? TAG.TILE_BYTE_COUNTS : TAG.STRIP_BYTE_COUNTS);
  const count = chunksAcross * chunksDown;
  if (count > MAX_CHUNKS) {
    throw new CorruptSourceError(
      `Cannot read TIFF: ${width}x${height} pixels in ${tileWidth}x${tileHeight} tiles make ` +
        `${count} tiles, more than any real image`,
    );
  }
  if (offsetsEntry === undefined || byteCountsEntry === undefined) {
    throw new CorruptSourceError("Cannot read TIFF: the image has no tile or strip offsets");
  }
  const listed = Math.min(offsetsEntry.count, byteCountsEntry.count);
  if (listed < count) {
    throw new CorruptSourceError(
      `Cannot read TIFF: a ${width}x${height} image of ${tileWidth}x${tileHeight} tiles ` +
        `needs ${count} offsets, the file lists ${listed}`,
    );
  }
  return { tiled, tileWidth, tileHeight, chunksAcross, chunksDown, offsetsEntry, byteCountsEntry };
}
