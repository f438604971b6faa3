import initPng, {
  decode as decodeWithSquoosh,
  decode_rgba16 as decodeRgba16WithSquoosh,
  encode as encodeWithSquoosh,
} from "@jsquash/png/codec/pkg/squoosh_png.js";
import { inflateSync } from "node:zlib";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { checkPngChunks } from "./_check_png_chunks.ts";
import { loadWasm } from "./_load_wasm.ts";
import { messageOf } from "./_message_of.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { convertToSrgb } from "./colour/mod.ts";
import { CorruptSourceError } from "./errors.ts";
import type { OutputEncoder, SourceDecoder } from "./image_codec.ts";
import { pngChunksBeforeImage } from "./probe_png.ts";

const PNG_WASM = "@jsquash/png/codec/pkg/squoosh_png_bg.wasm";
/** IHDR's bit depth: after the signature, IHDR's length and type, its width and height. */
const BIT_DEPTH_OFFSET = 24;
/** 16-bit samples to 8 bits, rounded: `round(v * 255 / 65535)`, which is `round(v / 257)`. */
const SIXTEEN_TO_EIGHT_BITS = Uint8Array.from({ length: 65536 }, (_, v) => Math.round(v / 257));

let ready: Promise<unknown> | undefined;

/**
 * PNG through squoosh's Rust codec compiled to wasm (`@jsquash/png`): every colour type and bit
 * depth decodes to 8-bit RGBA, 16-bit samples scaled with rounding (`round(v * 255 / 65535)`,
 * never truncated); an `iCCP` profile is converted to sRGB unless an `sRGB` chunk says the
 * pixels already are. Output is 8-bit RGBA with no colour chunks.
 */
export const pngCodec: SourceDecoder & OutputEncoder = { decode, encode };

async function decode(bytes: Uint8Array, allocate: Allocate): Promise<Raster> {
  await initialise();
  checkPngChunks(bytes);
  const raster = bytes[BIT_DEPTH_OFFSET] === 16
    ? decodeSixteenBits(bytes, allocate)
    : decodeEightBits(bytes, allocate);
  const profile = iccProfileOf(bytes);
  if (profile !== undefined) convertToSrgb(raster, profile);
  return raster;
}

function decodeEightBits(bytes: Uint8Array, allocate: Allocate): Raster {
  const image = runDecoder(decodeWithSquoosh, bytes);
  const raster = allocateRaster(image.width, image.height, allocate);
  raster.data.set(image.data);
  return raster;
}

function decodeSixteenBits(bytes: Uint8Array, allocate: Allocate): Raster {
  const image = runDecoder(decodeRgba16WithSquoosh, bytes);
  try {
    const raster = allocateRaster(image.width, image.height, allocate);
    const samples = image.data;
    for (let index = 0; index < samples.length; index++) {
      raster.data[index] = SIXTEEN_TO_EIGHT_BITS[samples[index]];
    }
    return raster;
  } finally {
    image.free();
  }
}

/** Runs one of squoosh's decoders, which throw a plain string on damaged data. */
function runDecoder<T>(decoder: (bytes: Uint8Array) => T, bytes: Uint8Array): T {
  try {
    return decoder(bytes);
  } catch (error) {
    throw new CorruptSourceError(`Cannot decode PNG: the data is damaged (${messageOf(error)})`, {
      cause: error,
    });
  }
}

/**
 * The `iCCP` chunk's profile (a name, a NUL, compression method 0, zlib data), unless an `sRGB`
 * chunk is present too. Called after decoding: the decoder has inflated the stream already and
 * rejects the file when it is damaged.
 */
function iccProfileOf(bytes: Uint8Array): Uint8Array | undefined {
  const { chunks } = pngChunksBeforeImage(bytes);
  const iccp = chunks.find((chunk) => chunk.type === "iCCP");
  if (iccp === undefined || chunks.some((chunk) => chunk.type === "sRGB")) return undefined;
  const nameEnd = iccp.data.indexOf(0);
  try {
    return inflateSync(iccp.data.subarray(nameEnd + 2));
  } catch (error) {
    // The wasm decoder inflates iCCP too but skips the Adler-32 check that zlib makes here.
    throw new CorruptSourceError(
      `Cannot decode PNG: its ICC profile (iCCP chunk) is damaged (${messageOf(error)})`,
      { cause: error },
    );
  }
}

async function encode(raster: Raster): Promise<Uint8Array> {
  await initialise();
  return encodeWithSquoosh(pixelsOf(raster), raster.width, raster.height, 8);
}

function initialise(): Promise<unknown> {
  ready ??= loadWasm(PNG_WASM).then((module) => initPng(module));
  return ready;
}
