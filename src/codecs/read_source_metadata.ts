import { hasPngSrgbChunk, readPngIccProfile } from "./_png_colour_chunks.ts";
import { readHeadUntil } from "./_read_head.ts";
import { readWebpIccProfile } from "./_webp_icc_profile.ts";
import { type IccProfileSummary, summariseIccProfile } from "./colour/mod.ts";
import { probeJp2 } from "./jp2/mod.ts";
import type { ExifOrientation } from "./orientation/mod.ts";
import { readJpegHeader } from "./probe_jpeg.ts";
import { pngChunksBeforeImage } from "./probe_png.ts";
import type { SourceFormat } from "./probed_image.ts";
import type { ByteSource } from "./region_reader.ts";
import { readTiffMetadata } from "./tiff/mod.ts";

/** A source's orientation tag, and whether Tessera turns the picture by it. */
export interface SourceOrientation {
  /** 1 (as stored) also when the tag is absent or broken. */
  readonly value: ExifOrientation;
  /** False where Tessera reads the tag but serves the pixels as stored (TIFF). */
  readonly applied: boolean;
}

/** A source's embedded ICC profile, summarised. */
export interface SourceIccProfile extends IccProfileSummary {
  /** Present (and true) when a PNG's `sRGB` chunk says the pixels are sRGB: the profile is unused. */
  readonly overriddenBySrgb?: true;
}

/** What a source's header says about turning and colouring its pixels for display. */
export interface SourceMetadata {
  /** Absent for formats whose orientation Tessera does not read: PNG, GIF, WebP, JPEG 2000. */
  readonly orientation?: SourceOrientation;
  /** Absent when the source carries none (or is a GIF: their profiles are not read). */
  readonly icc?: SourceIccProfile;
}

/** What a format's header gives, before the profile is summarised. */
interface FoundMetadata {
  readonly orientation?: SourceOrientation;
  readonly profile?: Uint8Array;
  readonly overriddenBySrgb?: boolean;
}

const READERS: Readonly<Record<SourceFormat, (source: ByteSource) => Promise<FoundMetadata>>> = {
  jpeg: readJpegMetadata,
  png: readPngMetadata,
  gif: () => Promise.resolve({}),
  webp: async (source) => await readHeadUntil(source, readWebpIccProfile),
  tiff: readTiffTags,
  jp2: async (source) => ({ profile: (await readHeadUntil(source, probeJp2)).iccProfile }),
};

/**
 * Reads a source's orientation and embedded ICC profile from its header, decoding no pixel:
 * JPEG's EXIF orientation (applied) and APP2 profile, PNG's iCCP and sRGB chunks, WebP's ICCP
 * chunk, TIFF's Orientation tag (read, not applied) and InterColorProfile, and a JP2 file's colour
 * specification box. The profile's description and colour space are read defensively: a broken
 * profile is summarised without them.
 *
 * @example Usage
 * ```ts
 * import { encodeImage, readSourceMetadata } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const pixel = { width: 1, height: 1, data: new Uint8Array([1, 2, 3, 255]) };
 * const options = { quality: "default", jpegQuality: 80, subsampling: "420" } as const;
 * const jpeg = await encodeImage(pixel, { format: "jpg", ...options });
 * const source = { size: jpeg.length, read: async (at: number, n: number) => jpeg.slice(at, at + n) };
 * assert.deepEqual(await readSourceMetadata(source, "jpeg"), {
 *   orientation: { value: 1, applied: true },
 * });
 * ```
 *
 * @param source The source.
 * @param format Its format, as probed (`probeSource`).
 * @throws {CorruptSourceError} When the header is broken, the source ends inside it, a TIFF's
 * profile lies outside the file, or a PNG's iCCP chunk does not inflate (Tessera would refuse to
 * decode it too).
 * @throws {UnsupportedSourceError} When the header is of a kind the format's probe refuses.
 */
export async function readSourceMetadata(
  source: ByteSource,
  format: SourceFormat,
): Promise<SourceMetadata> {
  const { orientation, profile, overriddenBySrgb } = await READERS[format](source);
  const icc = profile === undefined ? undefined : {
    ...summariseIccProfile(profile),
    ...(overriddenBySrgb ? { overriddenBySrgb: true as const } : {}),
  };
  return {
    ...(orientation === undefined ? {} : { orientation }),
    ...(icc === undefined ? {} : { icc }),
  };
}

async function readJpegMetadata(source: ByteSource): Promise<FoundMetadata> {
  const header = await readHeadUntil(source, readJpegHeader);
  return { orientation: { value: header.orientation, applied: true }, profile: header.iccProfile };
}

async function readPngMetadata(source: ByteSource): Promise<FoundMetadata> {
  const chunks = await readHeadUntil(source, (head) => {
    const walked = pngChunksBeforeImage(head);
    return walked.complete ? walked.chunks : undefined;
  });
  return { profile: readPngIccProfile(chunks), overriddenBySrgb: hasPngSrgbChunk(chunks) };
}

async function readTiffTags(source: ByteSource): Promise<FoundMetadata> {
  const { orientation, iccProfile } = await readTiffMetadata(source);
  return { orientation: { value: orientation, applied: false }, profile: iccProfile };
}
