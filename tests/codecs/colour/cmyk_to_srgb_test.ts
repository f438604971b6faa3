import assert from "node:assert/strict";
import { cmykToSrgb } from "../../../src/codecs/colour/mod.ts";
import { adobeRgbProfile } from "./_icc_profiles.ts";

/** Ink amounts (0 none, 255 full) and the naive formula's sRGB for them. */
const INKS: readonly [number[], number[]][] = [
  [[0, 0, 0, 0], [255, 255, 255]],
  [[255, 0, 0, 0], [0, 255, 255]],
  [[0, 255, 255, 0], [255, 0, 0]],
  [[0, 0, 0, 255], [0, 0, 0]],
  [[128, 64, 0, 51], [102, 153, 204]],
  [[10, 20, 30, 40], [207, 198, 190]],
];

function cmykRaster(inverted: boolean) {
  const data = Uint8Array.from(
    INKS.flatMap(([ink]) => ink.map((value) => inverted ? 255 - value : value)),
  );
  return { width: INKS.length, height: 1, data };
}

for (const inverted of [false, true]) {
  Deno.test(`cmykToSrgb() applies the naive formula to ${inverted ? "inverted" : "plain"} CMYK`, () => {
    const raster = cmykRaster(inverted);
    cmykToSrgb(raster, { inverted });
    assert.deepEqual([...raster.data], INKS.flatMap(([, rgb]) => [...rgb, 255]));
  });
}

Deno.test("cmykToSrgb() falls back to the naive formula when the profile is not CMYK", () => {
  const raster = cmykRaster(true);
  cmykToSrgb(raster, { profile: adobeRgbProfile(), inverted: true });
  assert.deepEqual([...raster.data], INKS.flatMap(([, rgb]) => [...rgb, 255]));
});

Deno.test("cmykToSrgb() reads only the raster's image from a longer buffer", () => {
  const data = new Uint8Array([255, 0, 0, 0, 9, 9, 9, 9]);
  cmykToSrgb({ width: 1, height: 1, data }, { inverted: false });
  assert.deepEqual([...data], [0, 255, 255, 255, 9, 9, 9, 9]);
});
