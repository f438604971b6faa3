import { isStandaloneJpegMarker, JPEG_MARKER, nextJpegMarker } from "./_jpeg_markers.ts";
import { CorruptSourceError, UnsupportedSourceError } from "./errors.ts";
import type { ImageHeader } from "./probed_image.ts";

const SOI_LENGTH = 2;
/** Bytes of an SOFn segment after its marker, up to and including the component count. */
const SOF_HEAD_LENGTH = 8;
/** SOF markers of lossless and hierarchical JPEG, which libjpeg does not decode. */
const UNSUPPORTED_SOF: Readonly<Record<number, string>> = {
  0xc3: "lossless",
  0xc5: "hierarchical",
  0xc6: "hierarchical progressive",
  0xc7: "hierarchical lossless",
  0xcb: "lossless arithmetic-coded",
  0xcd: "hierarchical arithmetic-coded",
  0xce: "hierarchical progressive arithmetic-coded",
  0xcf: "hierarchical lossless arithmetic-coded",
};

/**
 * Reads a JPEG's size from its frame header (SOFn), walking the marker segments before it (APPn
 * of any size, DQT, DHT…) without decoding pixels. Fill bytes, and extraneous bytes between
 * segments (a common camera bug that libjpeg only warns about), are skipped as libjpeg does.
 *
 * @param head The first bytes of the file, starting with the SOI marker.
 * @returns The header, or `undefined` when `head` ends before the frame header.
 * @throws {CorruptSourceError} When the marker structure is broken.
 * @throws {UnsupportedSourceError} For CMYK, 12-bit, lossless or hierarchical JPEGs.
 */
export function probeJpeg(head: Uint8Array): ImageHeader | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let offset = SOI_LENGTH;
  while (true) {
    const marker = nextJpegMarker(head, offset);
    if (marker === undefined || marker.offset + 2 > head.length) return undefined;
    offset = marker.offset;
    if (isStandaloneJpegMarker(marker.code)) continue;
    if (marker.code === JPEG_MARKER.SOS || marker.code === JPEG_MARKER.EOI) {
      throw new CorruptSourceError(
        "Cannot read JPEG header: no frame header before the image data",
      );
    }
    if (isFrameHeader(marker.code)) {
      if (offset + SOF_HEAD_LENGTH > head.length) return undefined;
      return readFrameHeader(view, offset, marker.code);
    }
    const length = view.getUint16(offset);
    if (length < 2) {
      throw new CorruptSourceError(
        `Cannot read JPEG header: segment length "${length}" is below 2`,
      );
    }
    offset += length;
  }
}

/** SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameHeader(code: number): boolean {
  return code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc;
}

function readFrameHeader(view: DataView, offset: number, code: number): ImageHeader {
  const precision = view.getUint8(offset + 2);
  const height = view.getUint16(offset + 3);
  const width = view.getUint16(offset + 5);
  const components = view.getUint8(offset + 7);
  const kind = UNSUPPORTED_SOF[code];
  if (kind !== undefined) throw new UnsupportedSourceError(`Cannot read ${kind} JPEG sources`);
  if (precision !== 8) {
    throw new UnsupportedSourceError(`Cannot read JPEG sources of precision "${precision}" bits`);
  }
  if (components === 4) throw new UnsupportedSourceError("Cannot read CMYK JPEG sources yet");
  if (components !== 1 && components !== 3) {
    throw new CorruptSourceError(`Cannot read JPEG header: component count "${components}"`);
  }
  if (height === 0) {
    throw new UnsupportedSourceError(
      "Cannot read JPEG sources whose height is set by a DNL marker",
    );
  }
  if (width === 0) throw new CorruptSourceError('Cannot read JPEG header: width is "0"');
  return { width, height, hasAlpha: false };
}
