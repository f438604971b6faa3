import { jpegCodecInfo } from "./active_jpeg_codec.ts";
import { UnsupportedSourceError } from "./errors.ts";
import { probeGif } from "./probe_gif.ts";
import { probeJpeg } from "./probe_jpeg.ts";
import { probePng } from "./probe_png.ts";
import { probeWebp } from "./probe_webp.ts";
import {
  type ImageHeader,
  isRegionFormat,
  type ProbedImage,
  type RegionFormat,
  type SourceFormat,
} from "./probed_image.ts";

/** A file signature; `?` matches any byte. */
interface Signature {
  readonly name: string;
  readonly magic: string;
  readonly format?: SourceFormat;
}

/** Signatures Tessera reads, then ones it recognises only to name them in the error. */
const SIGNATURES: readonly Signature[] = [
  { name: "JPEG", magic: "\xff\xd8\xff", format: "jpeg" },
  { name: "PNG", magic: "\x89PNG\r\n\x1a\n", format: "png" },
  { name: "GIF", magic: "GIF87a", format: "gif" },
  { name: "GIF", magic: "GIF89a", format: "gif" },
  { name: "WebP", magic: "RIFF????WEBP", format: "webp" },
  { name: "TIFF", magic: "II*\x00", format: "tiff" },
  { name: "TIFF", magic: "MM\x00*", format: "tiff" },
  { name: "BigTIFF", magic: "II+\x00", format: "tiff" },
  { name: "BigTIFF", magic: "MM\x00+", format: "tiff" },
  { name: "JPEG 2000", magic: "\x00\x00\x00\x0cjP  \r\n\x87\n", format: "jp2" },
  { name: "JPEG 2000 codestream", magic: "\xff\x4f\xff\x51", format: "jp2" },
  { name: "JPEG XL", magic: "\xff\x0a" },
  { name: "JPEG XL", magic: "\x00\x00\x00\x0cJXL \r\n\x87\n" },
  { name: "HEIF/AVIF", magic: "????ftyp" },
  { name: "BMP", magic: "BM" },
  { name: "PDF", magic: "%PDF-" },
];

const HEADER_PROBES: Readonly<
  Record<Exclude<SourceFormat, RegionFormat>, (head: Uint8Array) => ImageHeader | undefined>
> = { jpeg: probeJpeg, png: probePng, gif: probeGif, webp: probeWebp };

/**
 * Identifies a source by its signature and reads its size from the header, without decoding
 * pixels.
 *
 * When this returns `undefined`, read more of the file and call it again; if it still returns
 * `undefined` with the whole file, the file is truncated.
 *
 * @example Usage
 * ```ts
 * import { probeImage } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const screen = [...new TextEncoder().encode("GIF89a"), 2, 0, 1, 0, 0, 0, 0];
 * const firstImage = [0x2c, 0, 0, 0, 0, 2, 0, 1, 0, 0];
 * const gif = new Uint8Array([...screen, ...firstImage]);
 * assert.deepEqual(probeImage(gif), {
 *   format: "gif",
 *   width: 2,
 *   height: 1,
 *   hasAlpha: false,
 *   scales: [1],
 * });
 * assert.equal(probeImage(gif.subarray(0, 3)), undefined);
 * ```
 *
 * @param head The first bytes of the file (or all of it).
 * @returns What the header says, or `undefined` when `head` is too short to tell.
 * @throws {UnsupportedSourceError} For a format Tessera cannot read, named when recognised.
 * @throws {CorruptSourceError} For a recognised format whose header is broken.
 * @throws {TypeError} For TIFF and JPEG 2000, whose headers may lie anywhere in the file: those
 * are probed by `probeSource`.
 */
export function probeImage(head: Uint8Array): ProbedImage | undefined {
  const format = sniffFormat(head);
  if (format === undefined) return undefined;
  if (isRegionFormat(format)) {
    throw new TypeError(`Cannot probe ${format} from its first bytes: use probeSource`);
  }
  const header = HEADER_PROBES[format](head);
  if (header === undefined) return undefined;
  const scales = format === "jpeg" ? jpegCodecInfo().scales : [1];
  return { format, ...header, scales };
}

/**
 * The format `head` starts with, by signature alone.
 *
 * @returns The format, or `undefined` when `head` is too short to tell.
 * @throws {UnsupportedSourceError} For a format Tessera cannot read, named when recognised.
 */
export function sniffFormat(head: Uint8Array): SourceFormat | undefined {
  const matches = SIGNATURES.map((signature) => matchSignature(head, signature.magic));
  const found = SIGNATURES[matches.indexOf("full")];
  if (found === undefined) {
    if (matches.includes("prefix")) return undefined;
    throw new UnsupportedSourceError(`Cannot read source: unknown signature "${hexOf(head)}"`);
  }
  if (found.format === undefined) {
    throw new UnsupportedSourceError(`Cannot read ${found.name} sources`);
  }
  return found.format;
}

/** "prefix" when `head` is shorter than `magic` but agrees with it so far. */
function matchSignature(head: Uint8Array, magic: string): "full" | "prefix" | "none" {
  const length = Math.min(head.length, magic.length);
  for (let index = 0; index < length; index++) {
    const expected = magic[index];
    if (expected !== "?" && head[index] !== expected.charCodeAt(0)) return "none";
  }
  return length === magic.length ? "full" : "prefix";
}

function hexOf(head: Uint8Array): string {
  return Array.from(head.subarray(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
