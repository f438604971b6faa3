import type { JpegSubsampling } from "../iiif/image_plan.ts";
import type { Raster } from "../ops/raster.ts";
import type { Allocate } from "./_allocate_raster.ts";
import { cmykToSrgb, convertToSrgb } from "./colour/mod.ts";
import { orientRaster } from "./orientation/mod.ts";
import type { JpegHeader } from "./probe_jpeg.ts";

/** How a JPEG is written. */
export interface JpegEncodeOptions {
  /** 1–100. */
  readonly jpegQuality: number;
  /** Ignored when `gray`. */
  readonly subsampling: JpegSubsampling;
  /** Writes one luma channel (from the RGB channels). */
  readonly gray: boolean;
}

/** How {@linkcode JpegCodec.decode} treats a JPEG. */
export interface JpegDecodeOptions {
  /**
   * Returns a 4-component JPEG's samples as libjpeg outputs them, 4 bytes a pixel (YCCK already
   * turned into CMYK), without {@linkcode showJpeg}: no conversion to RGB, no ICC profile, no
   * EXIF orientation. For JPEGs inside a container that says how to read the ink (TIFF, whose
   * JPEG-compressed CMYK is not inverted). Other JPEGs are decoded as usual.
   */
  readonly rawCmyk?: boolean;
}

/** Which JPEG codec a thread uses, and what it can do. */
export interface JpegCodecInfo {
  readonly name: "libjpeg-turbo" | "wasm";
  /** The decode reductions offered, ascending, starting with 1. */
  readonly scales: readonly number[];
  /** Why the faster codec is not in use: to be logged once at start. */
  readonly warning?: string;
}

/**
 * A JPEG decoder and encoder. libjpeg-turbo (through FFI) and a wasm build of MozJPEG implement
 * it, and both pass the same test table.
 */
export interface JpegCodec {
  readonly name: JpegCodecInfo["name"];
  readonly scales: readonly number[];
  /**
   * Decodes to sRGB RGBA as a viewer shows the picture, reduced by `scale` in the DCT domain (to
   * `ceil(width / scale)` × `ceil(height / scale)` of the upright size): converted from its
   * embedded ICC profile, CMYK turned into RGB, and turned upright by its EXIF orientation (see
   * {@linkcode showJpeg}). The pixels go into a buffer from `allocate`; an oriented picture takes
   * a second one, and only the returned raster's buffer stays in use.
   *
   * @throws {RangeError} When `scale` is not one of `scales`.
   * @throws {CorruptSourceError} When the data is truncated or broken, libjpeg warnings included
   *   (except harmless ones, such as extraneous bytes before a marker, after which the image is
   *   complete).
   * @throws {UnsupportedSourceError} For CMYK JPEGs with the wasm codec.
   */
  decode(
    bytes: Uint8Array,
    scale: number,
    allocate: Allocate,
    options?: JpegDecodeOptions,
  ): Promise<Raster>;
  /** Encodes an RGBA raster, ignoring alpha; the file carries no EXIF and no ICC profile. */
  encode(raster: Raster, options: JpegEncodeOptions): Promise<Uint8Array>;
  /**
   * Crops a JPEG to its top-left `width` × `height` without decoding it (libjpeg-turbo's lossless
   * transform: the kept blocks' coefficients are copied, so no quality is lost); absent from
   * codecs that cannot.
   *
   * @throws {CorruptSourceError} When the JPEG is broken.
   */
  crop?(jpeg: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer>;
}

/** Options of {@linkcode showJpeg}. */
export interface ShowJpegOptions {
  /** What the JPEG's segments say (`readJpegHeader`). */
  readonly header: JpegHeader;
  /** Supplies the upright raster's buffer when the picture must be turned. */
  readonly allocate: Allocate;
}

/**
 * The last step of every JPEG decode: makes the decoded pixels what a viewer shows. CMYK (4
 * components, decoded as 4 bytes a pixel) becomes sRGB through the ICC profile when there is
 * one; RGB and gray are converted from their ICC profile to sRGB in place; then the raster is
 * turned upright by the EXIF orientation.
 *
 * CMYK JPEG samples are read as inverted (0 is full ink) whether or not an Adobe APP14 segment
 * is present, as Chromium, Firefox, libvips and ImageMagick read them: Adobe applications write
 * them so, and libjpeg adds an APP14 segment to every CMYK file it writes, so a CMYK JPEG
 * without one is rare and no viewer shows it otherwise.
 *
 * @example Usage
 * ```ts
 * import { showJpeg } from "./jpeg_codec.ts";
 * import assert from "node:assert/strict";
 *
 * // Two pixels stored side by side with EXIF orientation 6: shown one above the other.
 * const decoded = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255]) };
 * const header = { width: 2, height: 1, components: 3, orientation: 6 } as const;
 * const shown = showJpeg(decoded, { header, allocate: (n) => new Uint8Array(n) });
 * assert.deepEqual([shown.width, shown.height], [1, 2]);
 * ```
 *
 * @param decoded The pixels as libjpeg wrote them, in the stored orientation.
 * @returns `decoded`, or an upright copy of it from `allocate`.
 * @throws {RangeError} When `allocate` returns a buffer that is too short.
 */
export function showJpeg(decoded: Raster, options: ShowJpegOptions): Raster {
  const { header, allocate } = options;
  const profile = header.iccProfile;
  if (header.components === 4) cmykToSrgb(decoded, { profile, inverted: true });
  else if (profile !== undefined) convertToSrgb(decoded, profile);
  return orientRaster(decoded, { orientation: header.orientation, allocate });
}
