/**
 * Undoes Predictor 2 (TIFF 6.0, section 14) in place: every sample after a row's first pixel is
 * stored as the difference from the same sample of the pixel before it, modulo 2^bits.
 *
 * @param bytes Decompressed rows of `rowSamples` samples of `bits` (8 or 16) bits each.
 * @param littleEndian The file's byte order, which 16-bit samples are stored in.
 */
export function undoHorizontalDifferencing(
  bytes: Uint8Array,
  layout: { rowSamples: number; samplesPerPixel: number; bits: number; littleEndian: boolean },
): void {
  const { rowSamples, samplesPerPixel, bits, littleEndian } = layout;
  if (bits === 8) {
    for (let rowStart = 0; rowStart + rowSamples <= bytes.length; rowStart += rowSamples) {
      for (let index = rowStart + samplesPerPixel; index < rowStart + rowSamples; index++) {
        bytes[index] += bytes[index - samplesPerPixel];
      }
    }
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const rowBytes = rowSamples * 2;
  const step = samplesPerPixel * 2;
  for (let rowStart = 0; rowStart + rowBytes <= bytes.length; rowStart += rowBytes) {
    for (let at = rowStart + step; at < rowStart + rowBytes; at += 2) {
      const sum = view.getUint16(at, littleEndian) + view.getUint16(at - step, littleEndian);
      view.setUint16(at, sum & 0xffff, littleEndian);
    }
  }
}
