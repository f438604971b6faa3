import type { Raster } from "../ops/raster.ts";
import type { Allocate } from "./_allocate_raster.ts";
import { activeJpegCodec } from "./active_jpeg_codec.ts";
import { gifCodec } from "./gif_codec.ts";
import type { SourceDecoder } from "./image_codec.ts";
import { pngCodec } from "./png_codec.ts";
import { isRegionFormat, type RegionFormat, type SourceFormat } from "./probed_image.ts";
import { webpCodec } from "./webp_codec.ts";

const UNSCALED_DECODERS: Readonly<
  Record<Exclude<SourceFormat, "jpeg" | RegionFormat>, SourceDecoder>
> = {
  png: pngCodec,
  gif: gifCodec,
  webp: webpCodec,
};

/**
 * Decodes a source to RGBA straight into a buffer from `allocate` (for JPEG) or by one copy from
 * the codec's own memory. JPEG is reduced by `scale` while decoding, to `ceil(width / scale)` ×
 * `ceil(height / scale)`.
 *
 * @param bytes The whole file.
 * @param format As reported by `probeImage`.
 * @param scale One of the probe's `scales`: 1 for every format but JPEG with libjpeg-turbo.
 * @param allocate Supplies a buffer of at least the given length (it may be longer).
 * @throws {RangeError} When `scale` is not offered for this format and codec.
 * @throws {CorruptSourceError} When the data is truncated or damaged.
 * @throws {UnsupportedSourceError} For a variant the codec cannot read (CMYK JPEG).
 * @throws {TypeError} For TIFF and JPEG 2000, which are read through `openRegionReader`.
 */
export async function decodeImage(
  bytes: Uint8Array,
  format: SourceFormat,
  scale: number,
  allocate: Allocate,
): Promise<Raster> {
  if (format === "jpeg") return await activeJpegCodec().decode(bytes, scale, allocate);
  if (isRegionFormat(format)) {
    throw new TypeError(`Cannot decode ${format} whole: read it region by region (RegionReader)`);
  }
  if (scale !== 1) {
    throw new RangeError(`Cannot decode ${format} at scale "${scale}": only 1 is offered`);
  }
  return await UNSCALED_DECODERS[format].decode(bytes, allocate);
}
