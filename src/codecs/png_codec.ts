import initPng, {
  decode as decodeWithSquoosh,
  encode as encodeWithSquoosh,
} from "@jsquash/png/codec/pkg/squoosh_png.js";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { loadWasm } from "./_load_wasm.ts";
import { messageOf } from "./_message_of.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { CorruptSourceError } from "./errors.ts";
import type { OutputEncoder, SourceDecoder } from "./image_codec.ts";

const PNG_WASM = "@jsquash/png/codec/pkg/squoosh_png_bg.wasm";

let ready: Promise<unknown> | undefined;

/**
 * PNG through squoosh's Rust codec compiled to wasm (`@jsquash/png`): every colour type and bit
 * depth decodes to 8-bit RGBA; output is 8-bit RGBA.
 */
export const pngCodec: SourceDecoder & OutputEncoder = { decode, encode };

async function decode(bytes: Uint8Array, allocate: Allocate): Promise<Raster> {
  await initialise();
  let image: ImageData;
  try {
    image = decodeWithSquoosh(bytes);
  } catch (error) {
    throw new CorruptSourceError(`Cannot decode PNG: the data is damaged (${messageOf(error)})`, {
      cause: error,
    });
  }
  const raster = allocateRaster(image.width, image.height, allocate);
  raster.data.set(image.data);
  return raster;
}

async function encode(raster: Raster): Promise<Uint8Array> {
  await initialise();
  return encodeWithSquoosh(pixelsOf(raster), raster.width, raster.height, 8);
}

function initialise(): Promise<unknown> {
  ready ??= loadWasm(PNG_WASM).then((module) => initPng(module));
  return ready;
}
