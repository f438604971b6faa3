import type { Raster } from "../../ops/raster.ts";
import { pixelsOf } from "../_pixels_of.ts";
import { activeSrgbConverter } from "./colour_management.ts";

/** Options of {@linkcode cmykToSrgb}. */
export interface CmykToSrgbOptions {
  /** The embedded ICC profile, if the source has one. */
  readonly profile?: Uint8Array;
  /**
   * Whether 0 means full ink, as in the CMYK JPEGs of Adobe applications (those with an Adobe
   * APP14 segment), rather than no ink.
   */
  readonly inverted: boolean;
}

/**
 * Turns CMYK pixels (4 bytes each, in a raster's RGBA slots) into opaque sRGB RGBA in place:
 * through the embedded ICC profile with Little CMS 2 (perceptual intent) when there is a usable
 * one, else with the naive formula on ink amounts `c, m, y, k` in 0–1:
 * `R = 255 (1 − c)(1 − k)`, `G = 255 (1 − m)(1 − k)`, `B = 255 (1 − y)(1 − k)`, rounded.
 *
 * @example Usage
 * ```ts
 * import { cmykToSrgb } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * // Full cyan and half black, with no profile.
 * const raster = { width: 1, height: 1, data: new Uint8Array([255, 0, 0, 128]) };
 * cmykToSrgb(raster, { inverted: false });
 * assert.deepEqual([...raster.data], [0, 127, 127, 255]);
 * ```
 *
 * @param raster CMYK pixels; only its first `width * height * 4` bytes are read.
 * @throws {RangeError} When `raster.data` is shorter than the image.
 */
export function cmykToSrgb(raster: Raster, options: CmykToSrgbOptions): void {
  const { profile, inverted } = options;
  const input = inverted ? "inverted-cmyk" : "cmyk";
  if (profile !== undefined && activeSrgbConverter()?.convert(raster, { profile, input })) return;
  naiveCmykToRgb(pixelsOf(raster), inverted);
}

function naiveCmykToRgb(pixels: Uint8Array, inverted: boolean): void {
  // What is left of the white paper under an ink, 0–255: the sample itself when inverted.
  const flip = inverted ? 0 : 255;
  for (let index = 0; index < pixels.length; index += 4) {
    const black = Math.abs(flip - pixels[index + 3]);
    for (let channel = index; channel < index + 3; channel++) {
      pixels[channel] = Math.round((Math.abs(flip - pixels[channel]) * black) / 255);
    }
    pixels[index + 3] = 255;
  }
}
