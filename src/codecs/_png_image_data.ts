import { Buffer } from "node:buffer";
import { inflateSync } from "node:zlib";
import { messageOf } from "./_message_of.ts";
import type { PngHeader } from "./_png_layout.ts";
import type { PngColours } from "./_png_pixels.ts";
import { CorruptSourceError } from "./errors.ts";
import { type PngChunk, pngHeaderOf } from "./probe_png.ts";

const IHDR_DATA_LENGTH = 13;

/** What a PNG decoder reads from the chunks: the header, the colour chunks, the image data. */
export interface PngContents {
  readonly header: PngHeader;
  readonly colours: PngColours;
  /** The IDAT chunks' data, in order: one zlib stream split across them. */
  readonly imageData: readonly Uint8Array[];
  /** The chunks before the first IDAT, where iCCP and sRGB say what the colours are. */
  readonly chunksBeforeImage: readonly PngChunk[];
}

/**
 * Collects IHDR, PLTE, tRNS and the IDAT chunks from a PNG's chunks, as `checkPngChunks`
 * returns them.
 *
 * @throws {CorruptSourceError} IHDR is missing, not first or impossible, or there is no IDAT.
 */
export function readPngContents(chunks: readonly PngChunk[]): PngContents {
  const header = chunks.length > 0 ? ihdrOf(chunks[0]) : undefined;
  const colours: { palette?: Uint8Array; transparency?: Uint8Array } = {};
  const imageData: Uint8Array[] = [];
  for (const { type, data } of chunks) {
    if (type === "PLTE") colours.palette = data;
    else if (type === "tRNS") colours.transparency = data;
    else if (type === "IDAT") imageData.push(data);
  }
  if (header === undefined || imageData.length === 0) {
    throw new CorruptSourceError("Cannot decode PNG: it has no IHDR or no IDAT chunk");
  }
  const firstImage = chunks.findIndex((chunk) => chunk.type === "IDAT");
  return {
    header,
    colours,
    imageData,
    chunksBeforeImage: chunks.slice(0, firstImage),
  };
}

/** The header, checked again as the probe did, in case the file changed since. */
function ihdrOf({ type, data }: PngChunk): PngHeader {
  if (type !== "IHDR" || data.length !== IHDR_DATA_LENGTH) {
    throw new CorruptSourceError(`Cannot decode PNG: it starts with "${type}", not IHDR`);
  }
  return pngHeaderOf(data);
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
