import {
  isJpegFrameHeader,
  isStandaloneJpegMarker,
  JPEG_MARKER,
  nextJpegMarker,
} from "./_jpeg_markers.ts";
import { CorruptSourceError, UnsupportedSourceError } from "./errors.ts";
import { type ExifOrientation, orientedSize, readExifOrientation } from "./orientation/mod.ts";
import type { ImageHeader } from "./probed_image.ts";

const SOI_LENGTH = 2;
/** Bytes of an SOFn segment after its marker, up to and including the component count. */
const SOF_HEAD_LENGTH = 8;
const APP1 = 0xe1;
const APP2 = 0xe2;
const EXIF_SIGNATURE = "Exif\0\0";
/** An APP2 ICC chunk: this signature, the chunk's number (from 1), the chunk count, data. */
const ICC_SIGNATURE = "ICC_PROFILE\0";
const ICC_CHUNK_HEAD = ICC_SIGNATURE.length + 2;
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

/** What a JPEG's segments up to its frame header say about how to decode and show it. */
export interface JpegHeader {
  /** The size as stored; the picture is shown at `orientedSize` of it. */
  readonly width: number;
  readonly height: number;
  /** 1 gray, 3 YCbCr or RGB, 4 CMYK or YCCK. */
  readonly components: 1 | 3 | 4;
  /** From the first APP1 EXIF block; 1 when there is none or it is broken. */
  readonly orientation: ExifOrientation;
  /** The APP2 ICC profile, its chunks joined in order; none when absent or inconsistent. */
  readonly iccProfile?: Uint8Array;
}

/** Metadata gathered from APPn segments on the way to the frame header. */
interface AppSegments {
  orientation?: ExifOrientation;
  readonly iccChunks: Uint8Array[];
}

/**
 * Reads a JPEG's size from its frame header (SOFn) as a viewer shows it: width and height are
 * swapped when the EXIF orientation turns the picture by a quarter. See
 * {@linkcode readJpegHeader}.
 *
 * @param head The first bytes of the file, starting with the SOI marker.
 * @returns The header, or `undefined` when `head` ends before the frame header.
 * @throws {CorruptSourceError} When the marker structure is broken.
 * @throws {UnsupportedSourceError} For 12-bit, lossless or hierarchical JPEGs.
 */
export function probeJpeg(head: Uint8Array): ImageHeader | undefined {
  const header = readJpegHeader(head);
  if (header === undefined) return undefined;
  return { ...orientedSize(header, header.orientation), hasAlpha: false };
}

/**
 * Walks a JPEG's marker segments up to its frame header (SOFn) without decoding pixels, reading
 * the EXIF orientation (APP1) and the ICC profile (APP2) on the way.
 * Fill bytes, and extraneous bytes between segments (a common camera bug that libjpeg only
 * warns about), are skipped as libjpeg does.
 *
 * @param head The first bytes of the file, starting with the SOI marker.
 * @returns The header, or `undefined` when `head` ends before the frame header.
 * @throws {CorruptSourceError} When the marker structure is broken.
 * @throws {UnsupportedSourceError} For 12-bit, lossless or hierarchical JPEGs.
 */
export function readJpegHeader(head: Uint8Array): JpegHeader | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const segments: AppSegments = { iccChunks: [] };
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
    if (isJpegFrameHeader(marker.code)) {
      if (offset + SOF_HEAD_LENGTH > head.length) return undefined;
      return { ...readFrameHeader(view, offset, marker.code), ...describe(segments) };
    }
    const length = view.getUint16(offset);
    if (length < 2) {
      throw new CorruptSourceError(
        `Cannot read JPEG header: segment length "${length}" is below 2`,
      );
    }
    // A segment cut off by the end of `head` is skipped: the frame header is not in `head` either.
    if (offset + length <= head.length) {
      gather(segments, marker.code, head.subarray(offset + 2, offset + length));
    }
    offset += length;
  }
}

function readFrameHeader(
  view: DataView,
  offset: number,
  code: number,
): Pick<JpegHeader, "width" | "height" | "components"> {
  const precision = view.getUint8(offset + 2);
  const height = view.getUint16(offset + 3);
  const width = view.getUint16(offset + 5);
  const components = view.getUint8(offset + 7);
  const kind = UNSUPPORTED_SOF[code];
  if (kind !== undefined) throw new UnsupportedSourceError(`Cannot read ${kind} JPEG sources`);
  if (precision !== 8) {
    throw new UnsupportedSourceError(`Cannot read JPEG sources of precision "${precision}" bits`);
  }
  if (components !== 1 && components !== 3 && components !== 4) {
    throw new CorruptSourceError(`Cannot read JPEG header: component count "${components}"`);
  }
  if (height === 0) {
    throw new UnsupportedSourceError(
      "Cannot read JPEG sources whose height is set by a DNL marker",
    );
  }
  if (width === 0) throw new CorruptSourceError('Cannot read JPEG header: width is "0"');
  return { width, height, components };
}

/** Notes what an APPn segment's payload says, if it is one Tessera reads. */
function gather(segments: AppSegments, code: number, payload: Uint8Array): void {
  if (code === APP1 && segments.orientation === undefined && startsWith(payload, EXIF_SIGNATURE)) {
    segments.orientation = readExifOrientation(payload.subarray(EXIF_SIGNATURE.length));
  } else if (code === APP2 && startsWith(payload, ICC_SIGNATURE)) {
    segments.iccChunks.push(payload);
  }
}

function describe(segments: AppSegments): Omit<JpegHeader, "width" | "height" | "components"> {
  const iccProfile = joinIccChunks(segments.iccChunks);
  return {
    orientation: segments.orientation ?? 1,
    ...(iccProfile === undefined ? {} : { iccProfile }),
  };
}

/**
 * Joins ICC chunks by their numbers, as libjpeg's `jpeg_read_icc_profile` does: every chunk must
 * give the same count, and each number from 1 to the count must appear exactly once.
 */
function joinIccChunks(chunks: readonly Uint8Array[]): Uint8Array | undefined {
  if (chunks.length === 0) return undefined;
  const count = chunks[0][ICC_CHUNK_HEAD - 1];
  const ordered: Uint8Array[] = [];
  for (const chunk of chunks) {
    if (chunk.length < ICC_CHUNK_HEAD || chunk[ICC_CHUNK_HEAD - 1] !== count) return undefined;
    const number = chunk[ICC_CHUNK_HEAD - 2];
    if (number < 1 || number > count || ordered[number - 1] !== undefined) return undefined;
    ordered[number - 1] = chunk.subarray(ICC_CHUNK_HEAD);
  }
  if (chunks.length !== count) return undefined;
  const profile = new Uint8Array(ordered.reduce((sum, data) => sum + data.length, 0));
  ordered.reduce((at, data) => (profile.set(data, at), at + data.length), 0);
  return profile;
}

function startsWith(payload: Uint8Array, signature: string): boolean {
  return payload.length >= signature.length &&
    [...signature].every((character, index) => payload[index] === character.charCodeAt(0));
}
