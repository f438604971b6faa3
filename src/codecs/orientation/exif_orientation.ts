/**
 * The values of the EXIF Orientation tag (TIFF tag 274): how the stored pixels must be turned to
 * show the picture upright. 1 is as stored; 2 mirrored; 3 turned 180°; 4 flipped upside down;
 * 5 transposed (mirrored, then turned 90° anticlockwise); 6 turned 90° clockwise; 7 transversed
 * (mirrored, then turned 90° clockwise); 8 turned 90° anticlockwise.
 */
export const EXIF_ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** One of {@linkcode EXIF_ORIENTATIONS}. */
export type ExifOrientation = typeof EXIF_ORIENTATIONS[number];

/** What each orientation does to the stored pixels to show them upright, in words. */
export const EXIF_ORIENTATION_NAMES: Readonly<Record<ExifOrientation, string>> = {
  1: "as stored",
  2: "mirrored",
  3: "turned 180°",
  4: "flipped upside down",
  5: "transposed",
  6: "turned 90° clockwise",
  7: "transversed",
  8: "turned 90° anticlockwise",
};

/** The TIFF header's byte order mark, 42, and IFD0's offset. */
const TIFF_HEADER_LENGTH = 8;
const IFD_ENTRY_LENGTH = 12;
const ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

/**
 * Whether `value` is an EXIF orientation.
 *
 * @example Usage
 * ```ts
 * import { isExifOrientation } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * assert.ok(isExifOrientation(6));
 * assert.ok(!isExifOrientation(9));
 * ```
 */
export function isExifOrientation(value: number): value is ExifOrientation {
  return (EXIF_ORIENTATIONS as readonly number[]).includes(value);
}

/**
 * Reads the Orientation tag from the first IFD of an EXIF block, in either byte order. Anything
 * broken (a bad byte order mark, offsets outside the block, a value outside 1–8, a missing tag)
 * gives 1: a damaged EXIF block must not stop the image from being served.
 *
 * @example Usage
 * ```ts
 * import { readExifOrientation } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * // Big-endian ("MM"), IFD0 at 8 with one entry: Orientation (0x0112), SHORT, 1 value: 6.
 * const exif = new Uint8Array([
 *   0x4d, 0x4d, 0, 42, 0, 0, 0, 8,
 *   0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
 * ]);
 * assert.equal(readExifOrientation(exif), 6);
 * assert.equal(readExifOrientation(exif.subarray(0, 14)), 1);
 * ```
 *
 * @param exif A TIFF header and its IFDs: what follows `Exif\0\0` in a JPEG's APP1 segment.
 * @returns The orientation, 1 when there is none or it cannot be read.
 */
export function readExifOrientation(exif: Uint8Array): ExifOrientation {
  const tiff = new DataView(exif.buffer, exif.byteOffset, exif.byteLength);
  if (tiff.byteLength < TIFF_HEADER_LENGTH) return 1;
  const order = tiff.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const ifd = tiff.getUint32(4, little);
  if (tiff.getUint16(2, little) !== 42 || ifd + 2 > tiff.byteLength) return 1;
  const count = tiff.getUint16(ifd, little);
  for (let entry = ifd + 2, n = 0; n < count; n++, entry += IFD_ENTRY_LENGTH) {
    if (entry + IFD_ENTRY_LENGTH > tiff.byteLength) return 1;
    if (tiff.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    const value = orientationValue(tiff, entry, little);
    return isExifOrientation(value) ? value : 1;
  }
  return 1;
}

/** The entry's value, stored in its own value field: SHORT as writers should, LONG as some do. */
function orientationValue(tiff: DataView, entry: number, little: boolean): number {
  const type = tiff.getUint16(entry + 2, little);
  if (type === TIFF_SHORT) return tiff.getUint16(entry + 8, little);
  if (type === TIFF_LONG) return tiff.getUint32(entry + 8, little);
  return 0;
}
