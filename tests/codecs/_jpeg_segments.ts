import { concat } from "./_images.ts";

/** A marker segment: its code (the byte after 0xFF) and its payload (after the length field). */
export interface Segment {
  readonly code: number;
  readonly payload: Uint8Array;
}

/** Options of {@linkcode exifSegment}. */
export interface ExifOptions {
  readonly littleEndian: boolean;
  /** TIFF type of the Orientation entry: 3 (SHORT) by default. */
  readonly type?: number;
}

/**
 * A tiny EXIF writer: an APP1 segment whose IFD0 holds an ImageWidth entry (so the reader must
 * walk past it) and the Orientation entry, then no next IFD.
 */
export function exifSegment(orientation: number, options: ExifOptions): Segment {
  const { littleEndian, type = 3 } = options;
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4);
  const view = new DataView(tiff.buffer);
  tiff.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]);
  view.setUint16(2, 42, littleEndian);
  view.setUint32(4, 8, littleEndian);
  view.setUint16(8, 2, littleEndian);
  writeEntry(view, 10, { tag: 0x0100, type: 4, value: 640 }, littleEndian);
  writeEntry(view, 22, { tag: 0x0112, type, value: orientation }, littleEndian);
  return { code: 0xe1, payload: concat([ascii("Exif\0\0"), tiff]) };
}

/** APP2 segments carrying `profile` in chunks of at most `chunkSize` bytes, numbered from 1. */
export function iccSegments(profile: Uint8Array, chunkSize: number): Segment[] {
  const count = Math.ceil(profile.length / chunkSize);
  return Array.from({ length: count }, (_, index) => ({
    code: 0xe2,
    payload: concat([
      ascii("ICC_PROFILE\0"),
      new Uint8Array([index + 1, count]),
      profile.subarray(index * chunkSize, (index + 1) * chunkSize),
    ]),
  }));
}

/** Inserts segments right after the SOI marker. */
export function withSegments(jpeg: Uint8Array, segments: readonly Segment[]): Uint8Array {
  const encoded = segments.map(({ code, payload }) => {
    const segment = new Uint8Array(4 + payload.length);
    segment.set([0xff, code, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
    segment.set(payload, 4);
    return segment;
  });
  return concat([jpeg.subarray(0, 2), ...encoded, jpeg.subarray(2)]);
}

/** The segments of a well-formed JPEG before its first scan. */
export function segmentsOf(jpeg: Uint8Array): Segment[] {
  const segments: Segment[] = [];
  for (let offset = 2; jpeg[offset + 1] !== 0xda;) {
    const length = (jpeg[offset + 2] << 8) | jpeg[offset + 3];
    segments.push({
      code: jpeg[offset + 1],
      payload: jpeg.subarray(offset + 4, offset + 2 + length),
    });
    offset += 2 + length;
  }
  return segments;
}

/** The JPEG without its segments of marker `code`. */
export function withoutSegments(jpeg: Uint8Array, code: number): Uint8Array {
  const parts = [jpeg.subarray(0, 2)];
  let offset = 2;
  while (jpeg[offset + 1] !== 0xda) {
    const end = offset + 2 + ((jpeg[offset + 2] << 8) | jpeg[offset + 3]);
    if (jpeg[offset + 1] !== code) parts.push(jpeg.subarray(offset, end));
    offset = end;
  }
  parts.push(jpeg.subarray(offset));
  return concat(parts);
}

function writeEntry(
  view: DataView,
  offset: number,
  entry: { tag: number; type: number; value: number },
  littleEndian: boolean,
): void {
  view.setUint16(offset, entry.tag, littleEndian);
  view.setUint16(offset + 2, entry.type, littleEndian);
  view.setUint32(offset + 4, 1, littleEndian);
  if (entry.type === 3) view.setUint16(offset + 8, entry.value, littleEndian);
  else view.setUint32(offset + 8, entry.value, littleEndian);
}

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
