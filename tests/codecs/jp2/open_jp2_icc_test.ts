import assert from "node:assert/strict";
import { convertToSrgb } from "../../../src/codecs/colour/mod.ts";
import { UnsupportedSourceError } from "../../../src/codecs/errors.ts";
import { openJp2, probeJp2 } from "../../../src/codecs/jp2/mod.ts";
import type { Raster } from "../../../src/ops/raster.ts";
import {
  adobeRgbProfile,
  adobeRgbToSrgb,
  linearGrayProfile,
  srgbProfile,
} from "../colour/_icc_profiles.ts";
import { withColourSpecification } from "./_box_editing.ts";
import {
  allocate,
  compressJp2,
  expectedRgba,
  maxDifference,
  MemorySource,
  pixels,
  testImage,
} from "./_jp2_fixtures.ts";

const LEVELS = ["-n", "3"];

/** A colour specification box's contents carrying `profile`, by METH 2 or 3. */
function iccColour(profile: Uint8Array, method: 2 | 3 = 2): Uint8Array {
  return Uint8Array.from([method, 0, 0, ...profile]);
}

async function readLevels(bytes: Uint8Array): Promise<Raster[]> {
  const reader = await openJp2(new MemorySource(bytes));
  return await Promise.all(
    reader.levels.map(({ width, height }, level) =>
      reader.readRegion(level, { x: 0, y: 0, width, height }, allocate)
    ),
  );
}

function assertSamePixels(actual: Raster, expected: Raster, message: string): void {
  assert.deepEqual([actual.width, actual.height], [expected.width, expected.height], message);
  assert.deepEqual(pixels(actual), pixels(expected), message);
}

Deno.test("readRegion() converts a JP2's Adobe RGB profile to sRGB, METH 2 and 3", async () => {
  const image = testImage(150, 100, 3);
  const plain = await compressJp2(image, LEVELS);
  const stored = await readLevels(plain);
  // The matrix math of Adobe RGB (1998) and sRGB, on the lossless samples.
  const expected = expectedRgba(image);
  for (let pixel = 0; pixel < image.width * image.height; pixel++) {
    const rgb = expected.data.subarray(pixel * 4, pixel * 4 + 3);
    rgb.set(adobeRgbToSrgb([...rgb]));
  }
  for (const method of [2, 3] as const) {
    const tagged = withColourSpecification(plain, iccColour(adobeRgbProfile(), method));
    const levels = await readLevels(tagged);
    assert.ok(maxDifference(levels[0], expected) <= 1, `METH ${method}: level 0`);
    assert.ok(maxDifference(levels[0], stored[0]) > 40, `METH ${method}: level 0 is converted`);
    levels.forEach((level, index) => {
      const converted = { ...stored[index], data: stored[index].data.slice() };
      convertToSrgb(converted, adobeRgbProfile());
      assertSamePixels(level, converted, `METH ${method}: level ${index}`);
    });
  }
});

Deno.test("readRegion() converts gray and gray + alpha through a gray profile", async () => {
  for (const channels of [1, 2]) {
    const plain = await compressJp2(testImage(90, 60, channels), LEVELS);
    const [stored] = await readLevels(plain);
    const [actual] = await readLevels(
      withColourSpecification(plain, iccColour(linearGrayProfile())),
    );
    const expected = { ...stored, data: stored.data.slice() };
    assert.ok(convertToSrgb(expected, linearGrayProfile()));
    assertSamePixels(actual, expected, `${channels} channels`);
    assert.ok(maxDifference(actual, stored) > 40, `${channels} channels: converted`);
  }
});

Deno.test("readRegion() leaves pixels as stored for an sRGB or a damaged profile", async () => {
  const plain = await compressJp2(testImage(90, 60, 4), LEVELS);
  const stored = await readLevels(plain);
  for (const profile of [srgbProfile(), new Uint8Array(12)]) {
    const levels = await readLevels(withColourSpecification(plain, iccColour(profile)));
    levels.forEach((level, index) => assertSamePixels(level, stored[index], `level ${index}`));
  }
});

Deno.test("openJp2() and probeJp2() reject a CMYK ICC profile with UnsupportedSourceError", async () => {
  const cmyk = adobeRgbProfile();
  cmyk.set(new TextEncoder().encode("CMYK"), 16);
  const file = withColourSpecification(
    await compressJp2(testImage(40, 30, 4), LEVELS),
    iccColour(cmyk, 3),
  );
  const unsupported = { name: UnsupportedSourceError.name, message: /"CMYK" colour space/ };
  assert.throws(() => probeJp2(file), unsupported);
  await assert.rejects(openJp2(new MemorySource(file)), unsupported);
});
