import { inflateSync } from "node:zlib";
import { CorruptSourceError } from "../errors.ts";
import { decodeLzw } from "./_lzw.ts";
import { decodePackBits } from "./_packbits.ts";
import { COMPRESSION } from "./_tiff_tags.ts";

/**
 * Decompresses one tile or strip stored with a lossless compression into exactly
 * `outputLength` bytes, in a new buffer the caller may change.
 *
 * Deflate goes through `node:zlib`'s `inflateSync`: for 256² RGB tiles it took 0.72 ms against
 * 0.90 ms through `DecompressionStream`, and for small tiles 0.01 ms against 0.06 ms.
 *
 * @throws {CorruptSourceError} When the data is broken or decompresses to fewer (or, for
 *   Deflate, more) bytes than the tile holds.
 */
export function decompress(
  compression: number,
  data: Uint8Array,
  outputLength: number,
): Uint8Array {
  switch (compression) {
    case COMPRESSION.LZW:
      return decodeLzw(data, outputLength);
    case COMPRESSION.PACKBITS:
      return decodePackBits(data, outputLength);
    case COMPRESSION.DEFLATE:
    case COMPRESSION.DEFLATE_OLD:
      return inflate(data, outputLength);
    default:
      if (data.length < outputLength) throw shortData("uncompressed", data.length, outputLength);
      return data.slice(0, outputLength);
  }
}

function inflate(data: Uint8Array, outputLength: number): Uint8Array {
  let output: Uint8Array;
  try {
    // The limit keeps a forged stream from inflating to gigabytes.
    output = inflateSync(data, { maxOutputLength: outputLength });
  } catch (error) {
    const reason = error instanceof RangeError
      ? `it inflates to more than ${outputLength} bytes`
      : error instanceof Error
      ? error.message
      : String(error);
    throw new CorruptSourceError(`Cannot decode TIFF Deflate data: ${reason}`, { cause: error });
  }
  if (output.length < outputLength) throw shortData("Deflate", output.length, outputLength);
  return output;
}

function shortData(kind: string, length: number, outputLength: number): CorruptSourceError {
  return new CorruptSourceError(
    `Cannot decode TIFF ${kind} data: it holds ${length} of ${outputLength} bytes`,
  );
}
