import initPng, { encode as encodeWithSquoosh } from "@jsquash/png/codec/pkg/squoosh_png.js";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { checkPngChunks } from "./_check_png_chunks.ts";
import { loadWasm } from "./_load_wasm.ts";
import { hasPngSrgbChunk, readPngIccProfile } from "./_png_colour_chunks.ts";
import { inflateImageData, readPngContents } from "./_png_image_data.ts";
import { pngLayout } from "./_png_layout.ts";
import { pngRowContext, writePngPass } from "./_png_pixels.ts";
import { unfilterPass } from "./_png_unfilter.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { convertToSrgb } from "./colour/mod.ts";
import type { OutputEncoder, SourceDecoder } from "./image_codec.ts";
import type { PngChunk } from "./probe_png.ts";

const PNG_WASM = "@jsquash/png/codec/pkg/squoosh_png_bg.wasm";

let ready: Promise<unknown> | undefined;

/**
 * PNG decoded here and encoded by squoosh's Rust codec compiled to wasm (`@jsquash/png`).
 *
 * Decoding is ours (zlib from `node:zlib`, filters and pixel formats in TypeScript) rather than
 * squoosh's: its decoder throws through its own frames on damaged data, leaking the input and the
 * W×H×4 output in a wasm heap that never shrinks, and any large PNG it decodes grows that heap
 * for the worker's lifetime. Ours writes straight into the pooled raster. Every colour type, bit
 * depth and Adam7 interlacing decode to 8-bit RGBA, 16-bit samples scaled with rounding
 * (`round(v * 255 / 65535)`, never truncated); an `iCCP` profile is converted to sRGB unless an
 * `sRGB` chunk says the pixels already are. Output is 8-bit RGBA with no colour chunks.
 */
export const pngCodec: SourceDecoder & OutputEncoder = { decode, encode };

function decode(bytes: Uint8Array, allocate: Allocate): Promise<Raster> {
  return Promise.try(() => decodeNow(bytes, allocate));
}

function decodeNow(bytes: Uint8Array, allocate: Allocate): Raster {
  const { header, colours, imageData, chunksBeforeImage } = readPngContents(
    checkPngChunks(bytes),
  );
  const layout = pngLayout(header);
  const stream = inflateImageData(imageData, layout.streamLength);
  // Read before a buffer is taken: a broken profile must not cost one from the pool.
  const profile = iccProfileOf(chunksBeforeImage);
  const raster = allocateRaster(header.width, header.height, allocate);
  const context = pngRowContext(header, layout, colours);
  for (const pass of layout.passes) {
    unfilterPass(stream, pass, layout.filterDistance);
    writePngPass(stream, pass, context, raster.data);
  }
  if (profile !== undefined) convertToSrgb(raster, profile);
  return raster;
}

/** The `iCCP` chunk's profile, unless an `sRGB` chunk is present too. */
function iccProfileOf(chunks: readonly PngChunk[]): Uint8Array | undefined {
  return hasPngSrgbChunk(chunks) ? undefined : readPngIccProfile(chunks);
}

async function encode(raster: Raster): Promise<Uint8Array> {
  await initialise();
  return encodeWithSquoosh(pixelsOf(raster), raster.width, raster.height, 8);
}

function initialise(): Promise<unknown> {
  ready ??= loadWasm(PNG_WASM).then((module) => initPng(module));
  return ready;
}
