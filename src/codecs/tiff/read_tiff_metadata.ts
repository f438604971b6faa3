import { type ExifOrientation, isExifOrientation } from "../orientation/mod.ts";
import type { ByteSource } from "../region_reader.ts";
import { readTiffIccProfile } from "./_level_colours.ts";
import { TiffFile } from "./_tiff_file.ts";
import { TAG } from "./_tiff_tags.ts";

/** What a TIFF's first image directory says about showing its pixels. */
export interface TiffMetadata {
  /** The Orientation tag (274); 1, TIFF's default, when absent or not a value from 1 to 8. */
  readonly orientation: ExifOrientation;
  /** The InterColorProfile (34675), which the reader converts every level's pixels from. */
  readonly iccProfile?: Uint8Array;
}

/**
 * Reads the Orientation and InterColorProfile tags of a TIFF's first image directory (the
 * full-resolution level), reading nothing else but the header.
 *
 * @example Usage
 * ```ts
 * import { readTiffMetadata } from "./mod.ts";
 * import { encodeTiff } from "../encode_tiff.ts";
 * import assert from "node:assert/strict";
 *
 * const bytes = encodeTiff({ width: 1, height: 1, data: new Uint8Array(4) });
 * const source = { size: bytes.length, read: async (at: number, n: number) => bytes.slice(at, at + n) };
 * assert.deepEqual(await readTiffMetadata(source), { orientation: 1 });
 * ```
 *
 * @throws {CorruptSourceError} When the header or directory is broken, or the profile lies
 * outside the file.
 */
export async function readTiffMetadata(source: ByteSource): Promise<TiffMetadata> {
  const file = await TiffFile.open(source);
  const ifd = await file.readIfd(file.firstIfd);
  const tagged = file.inlineNumber(ifd.entries.get(TAG.ORIENTATION)) ?? 1;
  const orientation = isExifOrientation(tagged) ? tagged : 1;
  const entry = ifd.entries.get(TAG.ICC_PROFILE);
  if (entry === undefined) return { orientation };
  return { orientation, iccProfile: await readTiffIccProfile(file, entry) };
}
