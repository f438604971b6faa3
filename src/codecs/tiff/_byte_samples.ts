/**
 * Rows of samples of 1, 2, 4, 8 or 16 bits as one byte per sample, so the colour conversion
 * deals with bytes only. 8-bit samples are returned as they are.
 *
 * 16-bit samples are scaled to 8 bits as `round(v / 257)` (= `floor((v * 255 + 32767) / 65535)`,
 * no ties), so 65535 stays white and every 8-bit value covers an equal share of the 16-bit
 * range; dropping the low byte instead would darken by up to one level. Samples of fewer bits
 * are unpacked, first pixel in the most significant bits, each row starting on a byte, and keep
 * their value: gray levels are scaled, and palette indices looked up, afterwards.
 *
 * @param bytes Decompressed rows, `rowSamples` samples each.
 * @param littleEndian The file's byte order, which 16-bit samples are stored in.
 */
export function byteSamples(
  bytes: Uint8Array,
  layout: { rowSamples: number; rows: number; bits: number; littleEndian: boolean },
): Uint8Array {
  const { rowSamples, rows, bits, littleEndian } = layout;
  if (bits === 8) return bytes;
  const samples = new Uint8Array(rowSamples * rows);
  if (bits === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let index = 0; index < samples.length; index++) {
      samples[index] = Math.floor((view.getUint16(index * 2, littleEndian) * 255 + 32767) / 65535);
    }
    return samples;
  }
  const rowBytes = Math.ceil((rowSamples * bits) / 8);
  const mask = (1 << bits) - 1;
  for (let row = 0; row < rows; row++) {
    for (let sample = 0; sample < rowSamples; sample++) {
      const bit = sample * bits;
      const byte = bytes[row * rowBytes + (bit >> 3)];
      samples[row * rowSamples + sample] = (byte >> (8 - bits - (bit & 7))) & mask;
    }
  }
  return samples;
}
