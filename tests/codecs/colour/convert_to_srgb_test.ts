import assert from "node:assert/strict";
import { convertToSrgb } from "../../../src/codecs/colour/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  adobeRgbProfile,
  adobeRgbToSrgb,
  linearGrayProfile,
  srgbEncode,
  srgbProfile,
} from "./_icc_profiles.ts";

/** Saturated and muted colours, with a different alpha each. */
const COLOURS = [
  [50, 150, 50],
  [0, 255, 0],
  [200, 100, 50],
  [30, 200, 40],
  [128, 128, 128],
  [10, 20, 240],
  [255, 255, 255],
  [0, 0, 0],
];

function raster(colours: readonly number[][]): Raster {
  const data = Uint8Array.from(colours.flatMap((rgb, index) => [...rgb, index * 30]));
  return { width: colours.length, height: 1, data };
}

Deno.test("convertToSrgb() maps Adobe RGB (1998) colours as the matrix math says, keeping alpha", () => {
  const image = raster(COLOURS);
  assert.equal(convertToSrgb(image, adobeRgbProfile()), true);
  COLOURS.forEach((rgb, index) => {
    const actual = [...image.data.subarray(index * 4, index * 4 + 4)];
    const expected = [...adobeRgbToSrgb(rgb), index * 30];
    assert.ok(
      actual.every((value, channel) => Math.abs(value - expected[channel]) <= 1),
      `${rgb} became ${actual}, expected ${expected}`,
    );
  });
  // The saturated green loses its red: Adobe RGB's green lies outside sRGB.
  assert.deepEqual([...image.data.subarray(0, 3)], [0, 151, 34]);
});

Deno.test("convertToSrgb() leaves pixels tagged sRGB as they are", () => {
  const image = raster(COLOURS);
  assert.equal(convertToSrgb(image, srgbProfile()), true);
  assert.deepEqual(image, raster(COLOURS));
});

Deno.test("convertToSrgb() maps a gray profile's levels through the sRGB curve", () => {
  const levels = [0, 10, 64, 128, 200, 255];
  const image = raster(levels.map((level) => [level, level, level]));
  assert.equal(convertToSrgb(image, linearGrayProfile()), true);
  levels.forEach((level, index) => {
    const expected = Math.round(255 * srgbEncode(level / 255));
    const actual = [...image.data.subarray(index * 4, index * 4 + 4)];
    assert.ok(actual.slice(0, 3).every((value) => Math.abs(value - expected) <= 1), `${actual}`);
    assert.equal(actual[3], index * 30);
  });
});

/** Profiles that cannot be used, each leaving the pixels as decoded. */
const UNUSABLE: readonly [string, () => Uint8Array][] = [
  ["a profile too short for its header", () => new Uint8Array(12)],
  ["a damaged RGB profile", () => damaged(adobeRgbProfile())],
  ["a CMYK profile", () => withColourSpace(adobeRgbProfile(), "CMYK")],
  ["a Lab profile", () => withColourSpace(adobeRgbProfile(), "Lab ")],
];

for (const [name, profile] of UNUSABLE) {
  Deno.test(`convertToSrgb() leaves pixels as they are for ${name}`, () => {
    const image = raster(COLOURS);
    assert.equal(convertToSrgb(image, profile()), false);
    assert.deepEqual(image, raster(COLOURS));
  });
}

Deno.test("convertToSrgb() reads only the raster's image from a longer buffer", () => {
  const data = new Uint8Array(4 + 8).fill(9);
  data.set([50, 150, 50, 255]);
  convertToSrgb({ width: 1, height: 1, data }, adobeRgbProfile());
  assert.deepEqual([...data], [0, 151, 34, 255, 9, 9, 9, 9, 9, 9, 9, 9]);
});

/** The profile with its tag table's entries overwritten. */
function damaged(profile: Uint8Array): Uint8Array {
  const broken = profile.slice();
  broken.fill(0xee, 128, 200);
  return broken;
}

function withColourSpace(profile: Uint8Array, space: string): Uint8Array {
  const patched = profile.slice();
  patched.set(new TextEncoder().encode(space), 16);
  return patched;
}
