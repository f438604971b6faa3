import { CorruptSourceError, UnsupportedSourceError } from "./errors.ts";
import type { ImageHeader } from "./probed_image.ts";

/** RIFF header (12 bytes), chunk header (8) and the longest bitstream header we read (10). */
const HEADER_LENGTH = 30;
const PAYLOAD = 20;
const VP8_START_CODE = [0x9d, 0x01, 0x2a];
const VP8L_SIGNATURE = 0x2f;
const VP8X_ANIMATION = 0x02;
const VP8X_ALPHA = 0x10;

/**
 * Reads a WebP's size from its first chunk: `VP8 ` (lossy), `VP8L` (lossless) or `VP8X`
 * (extended, with the canvas size and an alpha flag).
 *
 * @param head The first bytes of the file, starting with `RIFF????WEBP`.
 * @returns The header, or `undefined` when `head` is shorter than 30 bytes.
 * @throws {CorruptSourceError} When the chunk is unknown or its header is broken.
 * @throws {UnsupportedSourceError} For animated WebP.
 */
export function probeWebp(head: Uint8Array): ImageHeader | undefined {
  if (head.length < HEADER_LENGTH) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const chunk = String.fromCharCode(...head.subarray(12, 16));
  switch (chunk) {
    case "VP8 ":
      return readLossy(head, view);
    case "VP8L":
      return readLossless(view);
    case "VP8X":
      return readExtended(view);
    default:
      throw new CorruptSourceError(`Cannot read WebP header: unknown first chunk "${chunk}"`);
  }
}

function readLossy(head: Uint8Array, view: DataView): ImageHeader {
  const keyFrame = (view.getUint8(PAYLOAD) & 0x01) === 0;
  const startCode = VP8_START_CODE.every((byte, index) => head[PAYLOAD + 3 + index] === byte);
  if (!keyFrame || !startCode) {
    throw new CorruptSourceError("Cannot read WebP header: VP8 key frame start code is missing");
  }
  const width = view.getUint16(PAYLOAD + 6, true) & 0x3fff;
  const height = view.getUint16(PAYLOAD + 8, true) & 0x3fff;
  if (width === 0 || height === 0) {
    throw new CorruptSourceError(`Cannot read WebP header: VP8 size "${width}x${height}"`);
  }
  return { width, height, hasAlpha: false };
}

function readLossless(view: DataView): ImageHeader {
  if (view.getUint8(PAYLOAD) !== VP8L_SIGNATURE) {
    throw new CorruptSourceError("Cannot read WebP header: VP8L signature byte is missing");
  }
  const bits = view.getUint32(PAYLOAD + 1, true);
  return {
    width: (bits & 0x3fff) + 1,
    height: ((bits >>> 14) & 0x3fff) + 1,
    hasAlpha: ((bits >>> 28) & 0x01) === 1,
  };
}

function readExtended(view: DataView): ImageHeader {
  const flags = view.getUint8(PAYLOAD);
  if (flags & VP8X_ANIMATION) throw new UnsupportedSourceError("Cannot read animated WebP sources");
  return {
    width: readUint24(view, PAYLOAD + 4) + 1,
    height: readUint24(view, PAYLOAD + 7) + 1,
    hasAlpha: (flags & VP8X_ALPHA) !== 0,
  };
}

function readUint24(view: DataView, offset: number): number {
  return view.getUint16(offset, true) | (view.getUint8(offset + 2) << 16);
}
