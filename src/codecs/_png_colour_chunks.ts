import { inflateSync } from "node:zlib";
import { messageOf } from "./_message_of.ts";
import { CorruptSourceError } from "./errors.ts";
import type { PngChunk } from "./probe_png.ts";

/**
 * Whether the chunks before a PNG's image data include `sRGB`, which says the pixels are sRGB:
 * an `iCCP` profile beside it is then not used.
 *
 * @param chunks The chunks before the first IDAT (`pngChunksBeforeImage`).
 */
export function hasPngSrgbChunk(chunks: readonly PngChunk[]): boolean {
  return chunks.some((chunk) => chunk.type === "sRGB");
}

/**
 * Reads the `iCCP` chunk's profile (a name, a NUL, compression method 0, zlib data) from the
 * chunks before a PNG's image data.
 *
 * @param chunks The chunks before the first IDAT (`pngChunksBeforeImage`), complete.
 * @returns The profile, or `undefined` without an iCCP chunk.
 * @throws {CorruptSourceError} When the zlib stream is damaged.
 */
export function readPngIccProfile(chunks: readonly PngChunk[]): Uint8Array | undefined {
  const iccp = chunks.find((chunk) => chunk.type === "iCCP");
  if (iccp === undefined) return undefined;
  const nameEnd = iccp.data.indexOf(0);
  try {
    return inflateSync(iccp.data.subarray(nameEnd + 2));
  } catch (error) {
    // zlib checks the stream's Adler-32 too: a damaged profile would give wrong colours.
    throw new CorruptSourceError(
      `Cannot read PNG: its ICC profile (iCCP chunk) is damaged (${messageOf(error)})`,
      { cause: error },
    );
  }
}
