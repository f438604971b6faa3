import { CorruptSourceError } from "../errors.ts";

const CLEAR = 256;
const END_OF_INFORMATION = 257;
const FIRST_FREE = 258;
const TABLE_SIZE = 4096;

/**
 * Decodes TIFF LZW (TIFF 6.0, section 13: codes of 9 to 12 bits, most significant bit first,
 * widened one code early) into exactly `outputLength` bytes; data past that is ignored, as
 * libtiff does.
 *
 * Every table entry is a string that was already written to the output, so the table holds only
 * where each one starts and how long it is, and decoding a code is one copy within the output.
 *
 * @throws {CorruptSourceError} For an impossible code, or data that ends before the output is
 *   full.
 */
export function decodeLzw(input: Uint8Array, outputLength: number): Uint8Array {
  const output = new Uint8Array(outputLength);
  const starts = new Int32Array(TABLE_SIZE);
  const lengths = new Int32Array(TABLE_SIZE);
  let width = 9;
  let nextCode = FIRST_FREE;
  let previousStart = -1;
  let previousLength = 0;
  let bits = 0;
  let bitCount = 0;
  let inputIndex = 0;
  let written = 0;
  while (written < outputLength) {
    while (bitCount < width && inputIndex < input.length) {
      bits = ((bits << 8) | input[inputIndex++]) & 0xffffff;
      bitCount += 8;
    }
    if (bitCount < width) break;
    bitCount -= width;
    const code = (bits >>> bitCount) & ((1 << width) - 1);
    if (code === END_OF_INFORMATION) break;
    if (code === CLEAR) {
      width = 9;
      nextCode = FIRST_FREE;
      previousStart = -1;
      continue;
    }
    const start = written;
    if (code < CLEAR) {
      output[written++] = code;
    } else if (code < nextCode && previousStart >= 0) {
      written += copy(output, starts[code], lengths[code], written);
    } else if (code === nextCode && previousStart >= 0) {
      written += copy(output, previousStart, previousLength, written);
      if (written < outputLength) output[written++] = output[previousStart];
    } else {
      throw new CorruptSourceError(`Cannot decode TIFF LZW data: invalid code ${code}`);
    }
    if (previousStart >= 0 && nextCode < TABLE_SIZE) {
      // The previous string followed by this one's first byte, which comes right after it.
      starts[nextCode] = previousStart;
      lengths[nextCode] = previousLength + 1;
      nextCode++;
      if (nextCode + 1 >= 1 << width && width < 12) width++;
    }
    previousStart = start;
    previousLength = written - start;
  }
  if (written < outputLength) {
    throw new CorruptSourceError(
      `Cannot decode TIFF LZW data: it ends after ${written} of ${outputLength} bytes`,
    );
  }
  return output;
}

function copy(output: Uint8Array, from: number, length: number, to: number): number {
  const count = Math.min(length, output.length - to);
  // Most strings are a few bytes long, and a loop beats copyWithin's call for those.
  if (count > 32) {
    output.copyWithin(to, from, from + count);
  } else {
    for (let index = 0; index < count; index++) output[to + index] = output[from + index];
  }
  return count;
}
