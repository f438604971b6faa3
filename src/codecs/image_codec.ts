import type { EncodeOptions } from "../iiif/image_plan.ts";
import type { Raster } from "../ops/raster.ts";
import type { Allocate } from "./_allocate_raster.ts";

/** Decodes one source format, without reduction, to RGBA. */
export interface SourceDecoder {
  /**
   * Decodes `bytes` into a buffer from `allocate`.
   *
   * @throws {CorruptSourceError} When the decoder rejects the data.
   */
  decode(bytes: Uint8Array, allocate: Allocate): Promise<Raster>;
}

/** Encodes an RGBA raster to one output format, reading the options that apply to it. */
export interface OutputEncoder {
  encode(raster: Raster, options: EncodeOptions): Promise<Uint8Array>;
}
