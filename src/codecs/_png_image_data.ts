import { Buffer } from "node:buffer";
import { inflateSync } from "node:zlib";
import { messageOf } from "./_message_of.ts";
import type { PngHeader } from "./_png_layout.ts";
import type { PngColours } from "./_png_pixels.ts";
import { CorruptSourceError } from "./errors.ts";
import { probePng } from "./probe_png.ts";

const SIGNATURE_LENGTH = 8;
/** Length and type before a chunk's data, CRC after it. */
const CHUNK_HEADER = 8;
const CRC_LENGTH = 4;

/** What a PNG decoder reads from the chunks: the header, the colour chunks, the image data. */
export interface PngContents {
  readonly header: PngHeader;
  readonly colours: PngColours;
  /** The IDAT chunks' data, in order: one zlib stream split across them. */
  readonly imageData: readonly Uint8Array[];
}

/**
 * Collects IHDR, PLTE, tRNS and the IDAT chunks of a PNG whose chunks are complete (as
 * `checkPngChunks` ensures).
 *
 * @throws {CorruptSourceError} IHDR is missing or not first, or there is no IDAT.
 */
export function readPngContents(bytes: Uint8Array): PngContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: PngHeader | undefined;
  const colours: { palette?: Uint8Array; transparency?: Uint8Array } = {};
  const imageData: Uint8Array[] = [];
  for (let offset = SIGNATURE_LENGTH; offset + CHUNK_HEADER <= bytes.length;) {
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + CHUNK_HEADER));
    const start = offset + CHUNK_HEADER;
    const data = bytes.subarray(start, start + view.getUint32(offset));
    if (type === "IEND") break;
    if (offset === SIGNATURE_LENGTH) header = ihdrOf(type, data);
    else if (type === "PLTE") colours.palette = data;
    else if (type === "tRNS") colours.transparency = data;
    else if (type === "IDAT") imageData.push(data);
    offset = start + data.length + CRC_LENGTH;
  }
  if (header === undefined || imageData.length === 0) {
    throw new CorruptSourceError("Cannot decode PNG: it has no IHDR or no IDAT chunk");
  }
  // The probe's checks (size, bit depth for the colour type), in case the file changed since.
  probePng(bytes);
  return { header, colours, imageData };
}

function ihdrOf(type: string, data: Uint8Array): PngHeader {
  if (type !== "IHDR" || data.length !== 13) {
    throw new CorruptSourceError(`Cannot decode PNG: it starts with "${type}", not IHDR`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    width: view.getUint32(0),
    height: view.getUint32(4),
    bitDepth: data[8],
    colorType: data[9],
    interlaced: data[12] === 1,
  };
}

/**
 * Inflates the image data into exactly `length` bytes. A stream that would inflate to more is
 * refused as soon as it passes `length` (so a small file cannot expand without bound), one that
 * ends short is refused too.
 *
 * @throws {CorruptSourceError} The zlib stream is damaged, too long or too short.
 */
export function inflateImageData(parts: readonly Uint8Array[], length: number): Uint8Array {
  const joined = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(joined, { maxOutputLength: Math.max(1, length) });
  } catch (error) {
    throw new CorruptSourceError(
      `Cannot decode PNG: its image data is damaged or too long (${messageOf(error)})`,
      { cause: error },
    );
  }
  if (inflated.length < length) {
    throw new CorruptSourceError(
      `Cannot decode PNG: its image data ends after ${inflated.length} of ${length} bytes`,
    );
  }
  return inflated;
}
