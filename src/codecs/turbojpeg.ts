import type { Raster } from "../ops/raster.ts";
import { type Allocate, allocateRaster } from "./_allocate_raster.ts";
import { jpegWarningFault } from "./_jpeg_warnings.ts";
import { pixelsOf } from "./_pixels_of.ts";
import {
  TJERR_WARNING,
  TJPF_CMYK,
  TJPF_RGBA,
  TJSAMP,
  TJTRANSFORM_INTS,
  TJXOPT_CROP,
  TURBOJPEG_SYMBOLS,
} from "./_turbojpeg_api.ts";
import { CorruptSourceError } from "./errors.ts";
import {
  type JpegCodec,
  type JpegDecodeOptions,
  type JpegEncodeOptions,
  showJpeg,
} from "./jpeg_codec.ts";
import { type JpegHeader, readJpegHeader } from "./probe_jpeg.ts";

type Symbols = Deno.DynamicLibrary<typeof TURBOJPEG_SYMBOLS>["symbols"];

/** Power-of-two reductions, the ones IIIF size planning uses. */
const POWER_OF_TWO_SCALES = [1, 2, 4, 8];

/**
 * libjpeg-turbo's TurboJPEG API through Deno FFI. One instance per thread: it owns one
 * decompressor and one compressor handle, created when opened and reused by every call (TurboJPEG
 * handles must not be shared between threads). Calls are synchronous. A handle that reported an
 * error is replaced: TurboJPEG 2.1 leaves a decompressor that failed inside
 * `tjDecompressHeader3` half-way through a header, and the next file would fail too.
 *
 * A libjpeg warning while decoding (a truncated file, damaged entropy data) fails the decode with
 * {@linkcode CorruptSourceError}: libjpeg would otherwise return a partly gray image, which a
 * server must not cache and serve as if it were the picture. The exceptions are the warnings in
 * `HARMLESS_JPEG_WARNINGS` (`_jpeg_warnings.ts`), such as extraneous bytes before a marker: the
 * image is returned, and the handle, which such a warning leaves usable, is kept.
 */
export class TurboJpeg implements JpegCodec {
  readonly name = "libjpeg-turbo";
  readonly scales: readonly number[];
  readonly #symbols: Symbols;
  #decompressor: Deno.PointerObject;
  #compressor: Deno.PointerObject;
  /** width, height, subsampling, colour space, written by tjDecompressHeader3. */
  readonly #header = new Int32Array(4);
  readonly #jpegBuffer = new BigUint64Array(1);
  readonly #jpegSize = new BigUint64Array(1);
  #transformer: Deno.PointerObject | undefined;
  readonly #transform = new Int32Array(TJTRANSFORM_INTS);

  /**
   * Loads the library and creates the handles.
   *
   * @param path A library name (`libturbojpeg.so.0`) or path.
   * @throws {Error} When the library cannot be opened, lacks a symbol, or a handle fails.
   */
  static open(path: string): TurboJpeg {
    return new TurboJpeg(Deno.dlopen(path, TURBOJPEG_SYMBOLS).symbols);
  }

  private constructor(symbols: Symbols) {
    this.#symbols = symbols;
    this.#decompressor = this.#newDecompressor();
    this.#compressor = this.#newCompressor();
    this.scales = POWER_OF_TWO_SCALES.filter((scale) => this.#offersScale(scale));
  }

  /** {@inheritDoc JpegCodec.decode} */
  decode(
    bytes: Uint8Array,
    scale: number,
    allocate: Allocate,
    options: JpegDecodeOptions = {},
  ): Promise<Raster> {
    return new Promise((resolve) => resolve(this.decodeSync(bytes, scale, allocate, options)));
  }

  /** {@inheritDoc JpegCodec.encode} */
  encode(raster: Raster, options: JpegEncodeOptions): Promise<Uint8Array> {
    return new Promise((resolve) => resolve(this.encodeSync(raster, options)));
  }

  /** {@linkcode TurboJpeg.decode}, blocking the thread. */
  decodeSync(
    bytes: Uint8Array,
    scale: number,
    allocate: Allocate,
    options: JpegDecodeOptions = {},
  ): Raster {
    if (!this.scales.includes(scale)) {
      throw new RangeError(
        `Cannot decode JPEG at scale "${scale}": libjpeg-turbo offers ${this.scales.join(", ")}`,
      );
    }
    const header = this.#readHeader(bytes);
    const { width, height } = header;
    const raster = allocateRaster(Math.ceil(width / scale), Math.ceil(height / scale), allocate);
    const status = this.#symbols.tjDecompress2(
      this.#decompressor,
      bytes,
      BigInt(bytes.length),
      raster.data,
      raster.width,
      raster.width * 4,
      raster.height,
      // libjpeg turns YCCK into CMYK but cannot turn CMYK into RGB: showJpeg does.
      header.components === 4 ? TJPF_CMYK : TJPF_RGBA,
      // Not TJFLAG_STOPONWARNING: a harmless warning must not stop the decode half-way.
      0,
    );
    // -1 also reports a warning after a complete decode.
    if (status !== 0) this.#passHarmlessWarning("Cannot decode JPEG", bytes);
    if (options.rawCmyk === true && header.components === 4) return raster;
    return showJpeg(raster, { header, allocate });
  }

  /** {@linkcode TurboJpeg.encode}, blocking the thread; the TurboJPEG buffer is freed. */
  encodeSync(raster: Raster, options: JpegEncodeOptions): Uint8Array {
    this.#jpegBuffer[0] = 0n;
    this.#jpegSize[0] = 0n;
    const status = this.#symbols.tjCompress2(
      this.#compressor,
      pixelsOf(raster),
      raster.width,
      raster.width * 4,
      raster.height,
      TJPF_RGBA,
      this.#jpegBuffer,
      this.#jpegSize,
      options.gray ? TJSAMP.gray : TJSAMP[options.subsampling],
      options.jpegQuality,
      0,
    );
    const jpeg = this.#takeOutput(status);
    if (jpeg !== undefined) return jpeg;
    const message = this.#errorOf(this.#compressor);
    this.#symbols.tjDestroy(this.#compressor);
    this.#compressor = this.#newCompressor();
    throw new Error(`Cannot encode JPEG: ${message}`);
  }

  /** {@inheritDoc JpegCodec.crop} */
  crop(jpeg: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
    this.#transformer ??= this.#handle(this.#symbols.tjInitTransform(), "transformer");
    this.#transform.set([0, 0, width, height, 0, TJXOPT_CROP]);
    this.#jpegBuffer[0] = 0n;
    this.#jpegSize[0] = 0n;
    const status = this.#symbols.tjTransform(
      this.#transformer,
      jpeg,
      BigInt(jpeg.length),
      1,
      this.#jpegBuffer,
      this.#jpegSize,
      this.#transform,
      0,
    );
    const cropped = this.#takeOutput(status);
    if (cropped !== undefined) return cropped;
    const message = this.#errorOf(this.#transformer);
    this.#symbols.tjDestroy(this.#transformer);
    this.#transformer = undefined;
    throw new CorruptSourceError(`Cannot crop JPEG tile: ${message}`);
  }

  /**
   * The JPEG TurboJPEG wrote into a buffer of its own (`#jpegBuffer`, `#jpegSize`) by the call
   * that returned `status`, copied out; the buffer is freed. `undefined` when the call failed.
   */
  #takeOutput(status: number): Uint8Array<ArrayBuffer> | undefined {
    const pointer = Deno.UnsafePointer.create(this.#jpegBuffer[0]);
    try {
      if (status !== 0 || pointer === null) return undefined;
      const jpeg = new Uint8Array(Number(this.#jpegSize[0]));
      new Deno.UnsafePointerView(pointer).copyInto(jpeg);
      return jpeg;
    } finally {
      if (pointer !== null) this.#symbols.tjFree(pointer);
    }
  }

  /** Checks the header with TurboJPEG, which also readies the decompressor, then reads it. */
  #readHeader(bytes: Uint8Array): JpegHeader {
    const header = this.#header.fill(0);
    const status = this.#symbols.tjDecompressHeader3(
      this.#decompressor,
      bytes,
      BigInt(bytes.length),
      header.subarray(0, 1),
      header.subarray(1, 2),
      header.subarray(2, 3),
      header.subarray(3, 4),
    );
    if (status !== 0) this.#passHarmlessWarning("Cannot read JPEG header", bytes);
    // On a stream that ends before its frame header, TurboJPEG only warns and returns 0.
    if (header[0] <= 0 || header[1] <= 0) {
      throw new CorruptSourceError(`Cannot read JPEG header: ${this.#decodeError()}`);
    }
    const segments = readJpegHeader(bytes);
    if (segments === undefined) {
      throw new CorruptSourceError(
        "Cannot read JPEG header: the file ends before its frame header",
      );
    }
    return segments;
  }

  /** Whether tjGetScalingFactors lists 1/`scale`. */
  #offersScale(scale: number): boolean {
    const count = new Int32Array(1);
    const factors = this.#symbols.tjGetScalingFactors(count);
    if (factors === null) return scale === 1;
    const view = new Deno.UnsafePointerView(factors);
    for (let index = 0; index < count[0]; index++) {
      if (view.getInt32(index * 8) === 1 && view.getInt32(index * 8 + 4) === scale) return true;
    }
    return false;
  }

  /**
   * After a decompressor call returned -1: returns if libjpeg only warned, harmlessly; otherwise
   * replaces the decompressor and throws.
   */
  #passHarmlessWarning(action: string, jpeg: Uint8Array): void {
    const warned = this.#symbols.tjGetErrorCode(this.#decompressor) === TJERR_WARNING;
    // Read once: tjGetErrorStr2 clears the handle's own error, so a second call could differ.
    const message = this.#errorOf(this.#decompressor);
    const fault = warned ? jpegWarningFault(message, jpeg) : message;
    if (fault === undefined) return;
    this.#replaceDecompressor();
    throw new CorruptSourceError(`${action}: ${fault}`);
  }

  /** Reads the decompressor's error, then replaces it. */
  #decodeError(): string {
    const message = this.#errorOf(this.#decompressor);
    this.#replaceDecompressor();
    return message;
  }

  #replaceDecompressor(): void {
    this.#symbols.tjDestroy(this.#decompressor);
    this.#decompressor = this.#newDecompressor();
  }

  #newDecompressor(): Deno.PointerObject {
    return this.#handle(this.#symbols.tjInitDecompress(), "decompressor");
  }

  #newCompressor(): Deno.PointerObject {
    return this.#handle(this.#symbols.tjInitCompress(), "compressor");
  }

  #handle(handle: Deno.PointerValue, kind: string): Deno.PointerObject {
    if (handle === null) {
      throw new Error(`Cannot create a TurboJPEG ${kind}: ${this.#errorOf(null)}`);
    }
    return handle;
  }

  #errorOf(handle: Deno.PointerValue): string {
    const message = this.#symbols.tjGetErrorStr2(handle);
    return message === null ? "unknown error" : Deno.UnsafePointerView.getCString(message);
  }
}
