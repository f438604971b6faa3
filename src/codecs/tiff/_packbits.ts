import { CorruptSourceError } from "../errors.ts";

/**
 * Decodes PackBits (TIFF 6.0, section 9) into exactly `outputLength` bytes; data past that is
 * ignored.
 *
 * @throws {CorruptSourceError} When the data ends before the output is full.
 */
export function decodePackBits(input: Uint8Array, outputLength: number): Uint8Array {
  const output = new Uint8Array(outputLength);
  let inputIndex = 0;
  let written = 0;
  while (written < outputLength && inputIndex < input.length) {
    const header = (input[inputIndex++] << 24) >> 24;
    if (header >= 0) {
      const literal = input.subarray(inputIndex, inputIndex + header + 1)
        .subarray(0, outputLength - written);
      output.set(literal, written);
      written += literal.length;
      inputIndex += header + 1;
    } else if (header !== -128 && inputIndex < input.length) {
      const end = Math.min(outputLength, written + 1 - header);
      output.fill(input[inputIndex++], written, end);
      written = end;
    }
  }
  if (written < outputLength) {
    throw new CorruptSourceError(
      `Cannot decode TIFF PackBits data: it ends after ${written} of ${outputLength} bytes`,
    );
  }
  return output;
}
