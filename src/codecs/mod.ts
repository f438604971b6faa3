/**
 * Reading and writing image bytes: header probes that find a source's format and size without
 * decoding (used on the main thread), and decoders and encoders between files and RGBA rasters
 * (used in the workers).
 *
 * {@linkcode readSourceMetadata} reads a source's orientation and embedded ICC profile from its
 * header, for `tessera info`.
 *
 * JPEG goes through libjpeg-turbo by FFI, with DCT-domain reduction by 2, 4 or 8 while decoding;
 * when the library cannot be loaded a wasm MozJPEG takes over without reduction, and
 * {@linkcode jpegCodecInfo} carries the warning to log. PNG and WebP use wasm codecs, GIF
 * imagescript, and TIFF output our own Deflate writer.
 *
 * @example Usage
 * ```ts
 * import { decodeImage, encodeImage, probeImage } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const red = { width: 2, height: 2, data: new Uint8Array(16).fill(255).fill(0, 1, 3) };
 * const png = await encodeImage(red, {
 *   format: "png",
 *   quality: "default",
 *   jpegQuality: 80,
 *   subsampling: "420",
 * });
 * const probed = probeImage(png)!;
 * assert.equal(probed.format, "png");
 * const decoded = await decodeImage(png, probed.format, 1, (n) => new Uint8Array(n));
 * assert.equal(decoded.width, 2);
 * ```
 *
 * @module
 */

export type { Allocate } from "./_allocate_raster.ts";
export { activeJpegCodec, jpegCodecInfo } from "./active_jpeg_codec.ts";
export { decodeImage } from "./decode_image.ts";
export { encodeImage } from "./encode_image.ts";
export { encodeTiledJpegTiff } from "./encode_tiled_jpeg_tiff.ts";
export { CorruptSourceError, UnsupportedSourceError } from "./errors.ts";
export type { JpegCodec, JpegCodecInfo, JpegEncodeOptions } from "./jpeg_codec.ts";
export { probeImage, sniffFormat } from "./probe_image.ts";
export { probeSource } from "./probe_source.ts";
export {
  readSourceMetadata,
  type SourceIccProfile,
  type SourceMetadata,
  type SourceOrientation,
} from "./read_source_metadata.ts";
export { EXIF_ORIENTATION_NAMES, type ExifOrientation } from "./orientation/mod.ts";
export {
  type ImageSize,
  isRegionFormat,
  type ProbedImage,
  type RegionFormat,
  type SourceFormat,
} from "./probed_image.ts";
export {
  type ByteSource,
  type RegionReader,
  type ScaledLevels,
  scaledLevels,
  type SourceLevel,
} from "./region_reader.ts";
export { fileByteSource } from "./file_byte_source.ts";
export { openRegionReader } from "./open_region_reader.ts";
export { jp2Library } from "./jp2/mod.ts";
export { type BaselineCropPlan, cropBaselineJpeg, replayBaselineCrop } from "./jpeg_crop/mod.ts";
export {
  cmykToSrgb,
  type CmykToSrgbOptions,
  type ColourManagementInfo,
  colourManagementInfo,
  convertsFromIccSpace,
  convertToSrgb,
} from "./colour/mod.ts";
