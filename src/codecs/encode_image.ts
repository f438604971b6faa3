import type { EncodeOptions } from "../iiif/image_plan.ts";
import type { OutputFormat } from "../iiif/image_request.ts";
import type { Raster } from "../ops/raster.ts";
import { activeJpegCodec } from "./active_jpeg_codec.ts";
import { encodeTiff } from "./encode_tiff.ts";
import { gifCodec } from "./gif_codec.ts";
import type { OutputEncoder } from "./image_codec.ts";
import { pngCodec } from "./png_codec.ts";
import { webpCodec } from "./webp_codec.ts";

const ENCODERS: Readonly<Record<OutputFormat, OutputEncoder>> = {
  jpg: { encode: encodeJpeg },
  png: pngCodec,
  webp: webpCodec,
  gif: gifCodec,
  tif: { encode: (raster) => Promise.resolve(encodeTiff(raster)) },
};

/**
 * Encodes an RGBA raster (only its first `width * height * 4` bytes are read) to
 * `options.format`: JPEG with one gray channel for the `gray` and `bitonal` qualities, at
 * `jpegQuality` and `subsampling`; PNG RGBA; lossy WebP at `jpegQuality`; GIF; Deflate TIFF.
 *
 * @returns A new buffer, owned by the caller (it can be transferred).
 * @throws {RangeError} When `raster.data` is shorter than the image.
 */
export async function encodeImage(
  raster: Raster,
  options: EncodeOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await ENCODERS[options.format].encode(raster, options);
  // Fresh arrays are ArrayBuffer-backed; a shared one could not be transferred, so copy it.
  return bytes.buffer instanceof ArrayBuffer ? bytes as Uint8Array<ArrayBuffer> : bytes.slice();
}

function encodeJpeg(raster: Raster, options: EncodeOptions): Promise<Uint8Array> {
  return activeJpegCodec().encode(raster, {
    jpegQuality: options.jpegQuality,
    subsampling: options.subsampling,
    gray: options.quality === "gray" || options.quality === "bitonal",
  });
}
