import { CorruptSourceError } from "../errors.ts";
import type { TiffFile } from "./_tiff_file.ts";
import type { TiffLevel } from "./_tiff_level.ts";
import { PHOTOMETRIC, TAG } from "./_tiff_tags.ts";

/** What a level's tiles need besides their own bytes, read once when the level is first used. */
export interface LevelIndex {
  /** Where each tile (or strip) is stored and how many bytes it takes, row by row. */
  readonly offsets: Float64Array;
  readonly byteCounts: Float64Array;
  /** The JPEGTables value, shared by every JPEG tile of the level. */
  readonly jpegTables?: Uint8Array;
  /** For palette images: 8-bit RGB triples, one per sample value. */
  readonly palette?: Uint8Array;
}

/**
 * Reads a level's tile offsets and byte counts (only as many as its grid has), its JPEG tables
 * and its palette, in parallel.
 *
 * @throws {CorruptSourceError} When they lie outside the file, or the palette has the wrong size.
 */
export async function readLevelIndex(file: TiffFile, level: TiffLevel): Promise<LevelIndex> {
  const count = level.chunksAcross * level.chunksDown;
  const jpegTables = level.ifd.entries.get(TAG.JPEG_TABLES);
  const [offsets, byteCounts, tables, palette] = await Promise.all([
    file.numbers(level.offsetsEntry, "the tile offsets", count),
    file.numbers(level.byteCountsEntry, "the tile byte counts", count),
    jpegTables === undefined ? undefined : file.bytes(jpegTables),
    level.photometric === PHOTOMETRIC.PALETTE ? readPalette(file, level) : undefined,
  ]);
  return { offsets, byteCounts, jpegTables: tables, palette };
}

/**
 * The ColorMap as RGB triples: all red values come first, then green, then blue, each 16-bit
 * and scaled to 8 bits as `round(v / 257)`, like 16-bit samples.
 */
async function readPalette(file: TiffFile, level: TiffLevel): Promise<Uint8Array> {
  const entry = level.ifd.entries.get(TAG.COLOR_MAP);
  const size = 1 << level.bitsPerSample;
  if (entry === undefined || entry.count !== 3 * size) {
    throw new CorruptSourceError(
      `Cannot read TIFF: a ${level.bitsPerSample}-bit palette image needs a ColorMap of ` +
        `${3 * size} values, the file has ${entry?.count ?? "none"}`,
    );
  }
  const map = await file.numbers(entry, "ColorMap");
  const palette = new Uint8Array(3 * size);
  for (let index = 0; index < size; index++) {
    for (let channel = 0; channel < 3; channel++) {
      palette[index * 3 + channel] = Math.floor(
        (map[channel * size + index] * 255 + 32767) / 65535,
      );
    }
  }
  return palette;
}
