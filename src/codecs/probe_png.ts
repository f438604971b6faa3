import type { PngHeader } from "./_png_layout.ts";
import { CorruptSourceError } from "./errors.ts";
import type { ImageHeader } from "./probed_image.ts";

const SIGNATURE_LENGTH = 8;
const IHDR_DATA_LENGTH = 13;
/** Signature, IHDR length and type. */
const IHDR_DATA_START = 16;
/** Signature, IHDR length and type, 13 bytes of IHDR data and its CRC. */
const FIRST_CHUNK_END = 33;
/** Length, type and CRC. */
const CHUNK_OVERHEAD = 12;
/** Length and type. */
const CHUNK_HEADER = 8;
/** Allowed bit depths per colour type (PNG specification, table 11.1). */
const BIT_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const MAX_DIMENSION = 2 ** 31 - 1;

/**
 * Reads a PNG's size from its IHDR chunk. `hasAlpha` is true for colour types with alpha and
 * for images with a `tRNS` chunk, looked for among the chunks before the first IDAT.
 *
 * @param head The first bytes of the file, starting with the PNG signature.
 * @returns The header, or `undefined` when `head` ends before IHDR, or before the first IDAT
 * of an image whose colour type has no alpha channel.
 * @throws {CorruptSourceError} When IHDR is missing or holds impossible values.
 */
export function probePng(head: Uint8Array): ImageHeader | undefined {
  if (head.length < FIRST_CHUNK_END) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const type = chunkType(head, SIGNATURE_LENGTH);
  if (type !== "IHDR") {
    throw new CorruptSourceError(`Cannot read PNG header: first chunk is "${type}", not IHDR`);
  }
  const ihdrLength = view.getUint32(SIGNATURE_LENGTH);
  if (ihdrLength !== IHDR_DATA_LENGTH) {
    throw new CorruptSourceError(
      `Cannot read PNG header: IHDR holds ${ihdrLength} bytes, not ${IHDR_DATA_LENGTH}`,
    );
  }
  const { width, height, colorType } = pngHeaderOf(
    head.subarray(IHDR_DATA_START, IHDR_DATA_START + IHDR_DATA_LENGTH),
  );
  const hasAlpha = colorType === 4 || colorType === 6 || hasTransparencyChunk(head);
  return hasAlpha === undefined ? undefined : { width, height, hasAlpha };
}

/**
 * Reads IHDR's 13 bytes of data, refusing a size or a bit depth a PNG cannot have.
 *
 * @param ihdr The IHDR chunk's data, 13 bytes.
 * @throws {CorruptSourceError} When the size is 0 or over 2³¹ − 1, or the bit depth is not one
 * the colour type allows (an unknown colour type allows none).
 */
export function pngHeaderOf(ihdr: Uint8Array): PngHeader {
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  if (width === 0 || height === 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new CorruptSourceError(`Cannot read PNG header: size "${width}x${height}"`);
  }
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth)) {
    throw new CorruptSourceError(
      `Cannot read PNG header: bit depth "${bitDepth}" with colour type "${colorType}"`,
    );
  }
  return { width, height, bitDepth, colorType, interlaced: ihdr[12] === 1 };
}

/** A chunk of a PNG file: its type and its data (cut short if the bytes given end inside it). */
export interface PngChunk {
  readonly type: string;
  readonly data: Uint8Array;
}

/**
 * Walks the chunks between IHDR and the first IDAT, where the PNG specification puts every chunk
 * that says how to read the pixels (PLTE, tRNS, iCCP, sRGB, gAMA…).
 *
 * @param head The first bytes of a PNG whose IHDR is valid (as {@linkcode probePng} checks), or
 * the whole file.
 * @returns The chunks in file order, and whether the walk reached IDAT or IEND (`false` when
 * `head` ends first).
 */
export function pngChunksBeforeImage(
  head: Uint8Array,
): { chunks: PngChunk[]; complete: boolean } {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const chunks: PngChunk[] = [];
  for (let offset = FIRST_CHUNK_END; offset + CHUNK_HEADER <= view.byteLength;) {
    const type = chunkType(head, offset);
    if (type === "IDAT" || type === "IEND") return { chunks, complete: true };
    const length = view.getUint32(offset);
    chunks.push({
      type,
      data: head.subarray(offset + CHUNK_HEADER, offset + CHUNK_HEADER + length),
    });
    offset += CHUNK_OVERHEAD + length;
  }
  return { chunks, complete: false };
}

/** Looks for tRNS before the first IDAT; `undefined` when `head` ends first. */
function hasTransparencyChunk(head: Uint8Array): boolean | undefined {
  const { chunks, complete } = pngChunksBeforeImage(head);
  if (chunks.some((chunk) => chunk.type === "tRNS")) return true;
  return complete ? false : undefined;
}

function chunkType(head: Uint8Array, offset: number): string {
  return String.fromCharCode(...head.subarray(offset + 4, offset + 8));
}
