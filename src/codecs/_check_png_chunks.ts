import { crc32 } from "node:zlib";
import { CorruptSourceError } from "./errors.ts";
import type { PngChunk } from "./probe_png.ts";

const SIGNATURE_LENGTH = 8;
/** Length and type. */
const CHUNK_HEADER = 8;
const CRC_LENGTH = 4;
/** Bit 5 of a chunk type's first letter: clear (upper case) in critical chunks. */
const ANCILLARY_BIT = 0x20;
/** Ancillary chunks checked all the same: the colours depend on the profile. */
const CHECKED_ANCILLARY_CHUNKS = ["iCCP"];

/**
 * Checks that a PNG's chunks are all there and intact before its pixels are decoded: every
 * chunk up to IEND is complete, and every critical chunk (IHDR, PLTE, IDAT, or any upper-case
 * type) matches its CRC, as libpng requires. Of the ancillary chunks, which libpng only warns
 * about, just iCCP is checked: a damaged profile would give wrong colours.
 *
 * Checked before anything is inflated, so a truncated or damaged file is refused before any
 * pixel buffer is taken from the pool. The chunks are returned, so the decoder reads them
 * without walking the file again.
 *
 * @example Usage
 * ```ts
 * import { checkPngChunks } from "./_check_png_chunks.ts";
 * import { encodeImage } from "./encode_image.ts";
 * import { CorruptSourceError } from "./errors.ts";
 * import assert from "node:assert/strict";
 *
 * const pixel = { width: 1, height: 1, data: new Uint8Array([1, 2, 3, 255]) };
 * const png = await encodeImage(pixel, {
 *   format: "png",
 *   quality: "default",
 *   jpegQuality: 80,
 *   subsampling: "420",
 * });
 * assert.deepEqual(checkPngChunks(png).map((chunk) => chunk.type), ["IHDR", "IDAT"]);
 * assert.throws(() => checkPngChunks(png.subarray(0, png.length - 12)), CorruptSourceError);
 * ```
 *
 * @param bytes The whole file.
 * @returns The chunks before IEND, in file order.
 * @throws {CorruptSourceError} The file ends before IEND, or a checked chunk's CRC differs.
 */
export function checkPngChunks(bytes: Uint8Array): PngChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  for (let offset = SIGNATURE_LENGTH; offset + CHUNK_HEADER <= bytes.length;) {
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + CHUNK_HEADER));
    if (type === "IEND") return chunks;
    const end = offset + CHUNK_HEADER + view.getUint32(offset) + CRC_LENGTH;
    if (end > bytes.length) {
      throw new CorruptSourceError(
        `Cannot decode PNG: the file ends inside its "${type}" chunk at byte ${offset}`,
      );
    }
    if (isChecked(type) && !crcMatches(bytes, offset, end)) {
      throw new CorruptSourceError(
        `Cannot decode PNG: its "${type}" chunk at byte ${offset} is damaged (wrong CRC)`,
      );
    }
    chunks.push({ type, data: bytes.subarray(offset + CHUNK_HEADER, end - CRC_LENGTH) });
    offset = end;
  }
  throw new CorruptSourceError("Cannot decode PNG: the file ends before its IEND chunk");
}

function isChecked(type: string): boolean {
  return (type.charCodeAt(0) & ANCILLARY_BIT) === 0 || CHECKED_ANCILLARY_CHUNKS.includes(type);
}

/** Whether the chunk from `offset` to `end` has the CRC of its type and data. */
function crcMatches(bytes: Uint8Array, offset: number, end: number): boolean {
  const stored = new DataView(bytes.buffer, bytes.byteOffset + end - CRC_LENGTH, CRC_LENGTH);
  return crc32(bytes.subarray(offset + 4, end - CRC_LENGTH)) === stored.getUint32(0);
}
