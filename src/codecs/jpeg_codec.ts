import type { JpegSubsampling } from "../iiif/image_plan.ts";
import type { Raster } from "../ops/raster.ts";
import type { Allocate } from "./_allocate_raster.ts";

/** How a JPEG is written. */
export interface JpegEncodeOptions {
  /** 1–100. */
  readonly jpegQuality: number;
  /** Ignored when `gray`. */
  readonly subsampling: JpegSubsampling;
  /** Writes one luma channel (from the RGB channels). */
  readonly gray: boolean;
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
   * Decodes to RGBA, reduced by `scale` in the DCT domain (to `ceil(width / scale)` ×
   * `ceil(height / scale)`), straight into a buffer from `allocate`.
   *
   * @throws {RangeError} When `scale` is not one of `scales`.
   * @throws {CorruptSourceError} When the data is truncated or broken, libjpeg warnings included
   *   (except harmless ones, such as extraneous bytes before a marker, after which the image is
   *   complete).
   * @throws {UnsupportedSourceError} For CMYK JPEGs.
   */
  decode(bytes: Uint8Array, scale: number, allocate: Allocate): Promise<Raster>;
  /** Encodes an RGBA raster, ignoring alpha. */
  encode(raster: Raster, options: JpegEncodeOptions): Promise<Uint8Array>;
}
