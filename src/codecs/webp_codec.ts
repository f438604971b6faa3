import webpDecoder from "@jsquash/webp/codec/dec/webp_dec.js";
import type { EncodeOptions } from "../iiif/image_plan.ts";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { type EmscriptenFactory, instantiateEmscripten } from "./_emscripten.ts";
import { imagescriptCodecs } from "./_imagescript_codecs.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { convertToSrgb } from "./colour/mod.ts";
import { CorruptSourceError } from "./errors.ts";
import type { OutputEncoder, SourceDecoder } from "./image_codec.ts";

const DECODER_WASM = "@jsquash/webp/codec/dec/webp_dec.wasm";
/** `RIFF`, the file size and `WEBP`. */
const RIFF_HEADER_LENGTH = 12;
/** A chunk's FourCC and its little-endian size. */
const CHUNK_HEADER_LENGTH = 8;
/** Chunks that start the image data: an ICC profile comes before them. */
const IMAGE_CHUNKS = ["VP8 ", "VP8L", "ANIM", "ALPH"];

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
  const profile = iccProfileOf(bytes);
  if (profile !== undefined) convertToSrgb(raster, profile);
  return raster;
}

/** The `ICCP` chunk's data: an extended (VP8X) file puts it before the image data. */
function iccProfileOf(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = RIFF_HEADER_LENGTH;
  while (offset + CHUNK_HEADER_LENGTH <= bytes.length) {
    const fourCc = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = view.getUint32(offset + 4, true);
    if (fourCc === "ICCP") {
      return bytes.subarray(offset + CHUNK_HEADER_LENGTH, offset + CHUNK_HEADER_LENGTH + size);
    }
    if (IMAGE_CHUNKS.includes(fourCc)) return undefined;
    // Chunks are padded to an even size.
    offset += CHUNK_HEADER_LENGTH + size + (size & 1);
  }
  return undefined;
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
