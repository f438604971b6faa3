import mozjpegDecoder from "@jsquash/jpeg/codec/dec/mozjpeg_dec.js";
import mozjpegEncoder from "@jsquash/jpeg/codec/enc/mozjpeg_enc.js";
import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { type EmscriptenFactory, instantiateEmscripten } from "./_emscripten.ts";
import { jpegWarningFault } from "./_jpeg_warnings.ts";
import { pixelsOf } from "./_pixels_of.ts";
import { CorruptSourceError, UnsupportedSourceError } from "./errors.ts";
import { type JpegCodec, type JpegEncodeOptions, showJpeg } from "./jpeg_codec.ts";
import { readJpegHeader } from "./probe_jpeg.ts";

const DECODER_WASM = "@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm";
const ENCODER_WASM = "@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm";

interface MozJpegDecoder {
  decode(data: Uint8Array, preserveOrientation: boolean): ImageData | null;
}

interface MozJpegEncoder {
  /** Returns libjpeg's error message as a string when compression fails. */
  encode(
    data: Uint8Array,
    width: number,
    height: number,
    options: MozJpegOptions,
  ): Uint8Array | string;
}

/** squoosh's `MozJpegOptions` (codecs/mozjpeg/enc/mozjpeg_enc.cpp). */
interface MozJpegOptions {
  readonly quality: number;
  readonly baseline: boolean;
  readonly arithmetic: boolean;
  readonly progressive: boolean;
  readonly optimize_coding: boolean;
  readonly smoothing: number;
  /** J_COLOR_SPACE: 1 grayscale, 3 YCbCr. */
  readonly color_space: number;
  readonly quant_table: number;
  readonly trellis_multipass: boolean;
  readonly trellis_opt_zero: boolean;
  readonly trellis_opt_table: boolean;
  readonly trellis_loops: number;
  readonly auto_subsample: boolean;
  /** The luma sampling factor, both ways: 1 is 4:4:4, 2 is 4:2:0. */
  readonly chroma_subsample: number;
  readonly separate_chroma_quality: boolean;
  readonly chroma_quality: number;
}

/**
 * The fallback JPEG codec when libjpeg-turbo cannot be loaded: MozJPEG compiled to wasm
 * (`@jsquash/jpeg`). It has no DCT scaling (`scales` is `[1]`) and decodes into its own memory
 * before copying into the allocated buffer. It converts ICC profiles and applies the EXIF
 * orientation as {@linkcode TurboJpeg} does, but cannot decode CMYK (libjpeg only outputs CMYK
 * as such, and this build offers RGBA only).
 *
 * Like {@linkcode TurboJpeg}, it treats libjpeg warnings as corruption, except the harmless ones
 * in `HARMLESS_JPEG_WARNINGS` (`_jpeg_warnings.ts`); it catches them by capturing what the C code
 * prints. Its encoder cannot express 4:2:2, so it writes 4:4:4 instead.
 */
export class WasmJpeg implements JpegCodec {
  readonly name = "wasm";
  readonly scales: readonly number[] = [1];
  #decoder: Promise<MozJpegDecoder> | undefined;
  #encoder: Promise<MozJpegEncoder> | undefined;
  readonly #messages: string[] = [];

  /** {@inheritDoc JpegCodec.decode} */
  async decode(bytes: Uint8Array, scale: number, allocate: Allocate): Promise<Raster> {
    if (scale !== 1) {
      throw new RangeError(`Cannot decode JPEG at scale "${scale}": the wasm codec offers 1`);
    }
    const header = readJpegHeader(bytes);
    if (header === undefined) {
      throw new CorruptSourceError("Cannot decode JPEG: the file ends before its frame header");
    }
    if (header.components === 4) {
      throw new UnsupportedSourceError(
        "Cannot read CMYK JPEG sources with the wasm JPEG codec: install libturbojpeg0",
      );
    }
    const image = await this.#decodeImage(bytes);
    const raster = allocateRaster(image.width, image.height, allocate);
    raster.data.set(image.data);
    return showJpeg(raster, { header, allocate });
  }

  /** {@inheritDoc JpegCodec.encode} */
  async encode(raster: Raster, options: JpegEncodeOptions): Promise<Uint8Array> {
    // Compression failures come back as the result string, so what libjpeg prints is dropped.
    this.#encoder ??= instantiateEmscripten(
      mozjpegEncoder as EmscriptenFactory<MozJpegEncoder>,
      ENCODER_WASM,
    );
    const encoder = await this.#encoder;
    const { width, height } = raster;
    const result = encoder.encode(pixelsOf(raster), width, height, mozJpegOptions(options));
    if (typeof result === "string") throw new Error(`Cannot encode JPEG: ${result}`);
    return result;
  }

  /**
   * Turns a printed warning that is not harmless, or a fatal error (libjpeg calls `exit()`, which
   * Emscripten throws), into CorruptSourceError. A fatal error drops the instance: libjpeg never
   * freed its memory.
   */
  async #decodeImage(bytes: Uint8Array): Promise<ImageData> {
    this.#decoder ??= instantiateEmscripten(
      mozjpegDecoder as EmscriptenFactory<MozJpegDecoder>,
      DECODER_WASM,
      (text) => this.#messages.push(text),
    );
    const decoder = await this.#decoder;
    this.#messages.length = 0;
    let image: ImageData | null;
    try {
      image = decoder.decode(bytes, false);
    } catch (error) {
      this.#decoder = undefined;
      throw new CorruptSourceError(`Cannot decode JPEG: ${this.#describe(error)}`, {
        cause: error,
      });
    }
    if (image === null) {
      throw new CorruptSourceError(`Cannot decode JPEG: ${this.#describe(undefined)}`);
    }
    const faults = this.#messages.flatMap((text) => jpegWarningFault(text, bytes) ?? []);
    if (faults.length > 0) throw new CorruptSourceError(`Cannot decode JPEG: ${faults.join("; ")}`);
    return image;
  }

  #describe(error: unknown): string {
    if (this.#messages.length > 0) return this.#messages.join("; ");
    return error instanceof Error ? error.message : "the decoder returned nothing";
  }
}

function mozJpegOptions(options: JpegEncodeOptions): MozJpegOptions {
  return {
    quality: options.jpegQuality,
    baseline: true,
    arithmetic: false,
    progressive: false,
    optimize_coding: true,
    smoothing: 0,
    color_space: options.gray ? 1 : 3,
    quant_table: 0,
    trellis_multipass: false,
    trellis_opt_zero: false,
    trellis_opt_table: false,
    trellis_loops: 1,
    auto_subsample: false,
    chroma_subsample: options.subsampling === "420" ? 2 : 1,
    separate_chroma_quality: false,
    chroma_quality: options.jpegQuality,
  };
}
