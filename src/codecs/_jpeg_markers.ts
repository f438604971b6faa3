/** The marker codes (the byte after 0xFF) that Tessera's marker walks stop at. */
export const JPEG_MARKER = { RST0: 0xd0, SOS: 0xda, EOI: 0xd9 } as const;

/** A marker found by {@linkcode nextJpegMarker}. */
export interface JpegMarker {
  /** The byte after 0xFF. */
  readonly code: number;
  /** Where the bytes after the marker start (its length field, unless it is standalone). */
  readonly offset: number;
}

/**
 * Finds the first marker at or after `offset`, skipping what libjpeg's `next_marker` skips: bytes
 * that are not 0xFF (extraneous data, or a scan's entropy-coded data), 0xFF fill bytes, and the
 * stuffed 0xFF00 pairs of entropy-coded data.
 *
 * @param bytes A JPEG stream, or its beginning.
 * @param offset Where to start looking.
 * @returns The marker, or `undefined` when `bytes` ends first.
 */
export function nextJpegMarker(bytes: Uint8Array, offset: number): JpegMarker | undefined {
  let index = offset;
  while (true) {
    index = bytes.indexOf(0xff, index);
    if (index < 0) return undefined;
    while (index < bytes.length && bytes[index] === 0xff) index++;
    if (index >= bytes.length) return undefined;
    if (bytes[index] !== 0) return { code: bytes[index], offset: index + 1 };
  }
}

/** Whether a marker starts a frame header: SOF0–SOF15, but DHT (C4), JPG (C8) and DAC (CC). */
export function isJpegFrameHeader(code: number): boolean {
  return code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
}

/**
 * Whether a marker has no length field: TEM, RSTn or SOI. EOI has none either, but ends the
 * stream, so callers test for it first.
 *
 * @param code The byte after 0xFF.
 */
export function isStandaloneJpegMarker(code: number): boolean {
  return code === 0x01 || (code >= 0xd0 && code <= 0xd8);
}
