import type { Raster } from "../../ops/raster.ts";
import { activeSrgbConverter } from "./colour_management.ts";
import { iccColourSpace } from "./icc_colour_space.ts";

const INPUT_BY_COLOUR_SPACE: Readonly<Record<string, "rgba" | "gray-in-rgba">> = {
  RGB: "rgba",
  GRAY: "gray-in-rgba",
};

/**
 * Whether {@linkcode convertToSrgb} converts from a profile of this colour space (`RGB`, `GRAY`;
 * CMYK goes through `cmykToSrgb`, where a decoder reads it).
 */
export function convertsFromIccSpace(space: string): boolean {
  return Object.hasOwn(INPUT_BY_COLOUR_SPACE, space);
}

/**
 * Converts an RGBA raster, in place, from the colour space of the ICC profile embedded in its
 * source to sRGB (Little CMS 2, perceptual intent), keeping alpha. A gray profile reads each
 * pixel's R, which a gray decode repeats in G and B. A profile equivalent to sRGB leaves the
 * pixels as they are. Use it after decoding a JPEG, PNG, WebP, TIFF or JPEG 2000 that carries a
 * profile, before any other step.
 *
 * The raster is left as it was (and `false` returned) when Little CMS is not installed, when the
 * profile is broken, or when its colour space is neither RGB nor gray: browsers too show such
 * images as if they were sRGB.
 *
 * @example Usage
 * ```ts
 * import { convertToSrgb } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const raster = { width: 1, height: 1, data: new Uint8Array([200, 100, 50, 255]) };
 * assert.equal(convertToSrgb(raster, new Uint8Array(16)), false);
 * assert.deepEqual([...raster.data], [200, 100, 50, 255]);
 * ```
 *
 * @param raster RGBA pixels as decoded; only its first `width * height * 4` bytes are read.
 * @param profile The embedded ICC profile, whole.
 * @returns Whether the pixels are now sRGB (converted, or already sRGB).
 * @throws {RangeError} When `raster.data` is shorter than the image.
 */
export function convertToSrgb(raster: Raster, profile: Uint8Array): boolean {
  const input = INPUT_BY_COLOUR_SPACE[iccColourSpace(profile) ?? ""];
  if (input === undefined) return false;
  return activeSrgbConverter()?.convert(raster, { profile, input }) ?? false;
}
