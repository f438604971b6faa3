import webpDecoder from "@jsquash/webp/codec/dec/webp_dec.js";
import type { EncodeOptions } from "../iiif/image_plan.ts";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { type EmscriptenFactory, instantiateEmscripten } from "./_emscripten.ts";
import { imagescriptCodecs } from "./_imagescript_codecs.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { readWebpIccProfile } from "./_webp_icc_profile.ts";
import { convertToSrgb } from "./colour/mod.ts";
import { CorruptSourceError } from "./errors.ts";
import type { OutputEncoder, SourceDecoder } from "./image_codec.ts";

const DECODER_WASM = "@jsquash/webp/codec/dec/webp_dec.wasm";

interface WebpDecoderModule {
  decode(data: Uint8Array): ImageData | null;
}

let decoder: Promise<WebpDecoderModule> | undefined;

/**
 * WebP: decoded by libwebp compiled to wasm (`@jsquash/webp`), still images only (the probe
 * refuses animated ones), with an `ICCP` profile converted to sRGB; encoded lossy at
 * `jpegQuality`, with alpha and no profile, by libwebp in imagescript's native addon, which
 * measured 25% faster than the wasm build for the same bytes.
 */
export const webpCodec: SourceDecoder & OutputEncoder = { decode, encode };

async function decode(bytes: Uint8Array, allocate: Allocate): Promise<Raster> {
  // libwebp prints nothing Tessera needs: its failures come back as `null`.
  decoder ??= instantiateEmscripten(
    webpDecoder as EmscriptenFactory<WebpDecoderModule>,
    DECODER_WASM,
  );
  const image = (await decoder).decode(bytes);
  if (image === null) throw new CorruptSourceError("Cannot decode WebP: libwebp rejected the data");
  const raster = allocateRaster(image.width, image.height, allocate);
  raster.data.set(image.data);
  const profile = readWebpIccProfile(bytes)?.profile;
  if (profile !== undefined) convertToSrgb(raster, profile);
  return raster;
}

async function encode(raster: Raster, options: EncodeOptions): Promise<Uint8Array> {
  const { width, height } = raster;
  const codecs = await imagescriptCodecs();
  return await codecs.webp.encode_async(pixelsOf(raster), {
    width,
    height,
    quality: options.jpegQuality,
  });
}
