import assert from "node:assert/strict";
import { LittleCms } from "../../../src/codecs/colour/little_cms.ts";
import { SrgbConverter } from "../../../src/codecs/colour/srgb_converter.ts";
import { adobeRgbProfile, adobeRgbToSrgb, linearGrayProfile } from "./_icc_profiles.ts";

const green = () => ({ width: 1, height: 1, data: new Uint8Array([50, 150, 50, 255]) });
const gray = () => ({ width: 1, height: 1, data: new Uint8Array([128, 128, 128, 255]) });

Deno.test("SrgbConverter.convert() stays right while its LRU evicts and rebuilds transforms", () => {
  const converter = new SrgbConverter(LittleCms.open("liblcms2.so.2"), 1);
  const adobe = adobeRgbProfile();
  const linear = linearGrayProfile();
  for (let round = 0; round < 4; round++) {
    const rgb = green();
    assert.ok(converter.convert(rgb, { profile: adobe, input: "rgba" }));
    assert.deepEqual([...rgb.data], [...adobeRgbToSrgb([50, 150, 50]), 255]);
    const levels = gray();
    assert.ok(converter.convert(levels, { profile: linear, input: "gray-in-rgba" }));
    assert.deepEqual([...levels.data], [188, 188, 188, 255]);
  }
});

Deno.test("SrgbConverter.convert() keeps refusing a profile read as the wrong colour space", () => {
  const converter = new SrgbConverter(LittleCms.open("liblcms2.so.2"));
  for (let attempt = 0; attempt < 2; attempt++) {
    const raster = green();
    assert.equal(converter.convert(raster, { profile: adobeRgbProfile(), input: "cmyk" }), false);
    assert.deepEqual([...raster.data], [50, 150, 50, 255]);
  }
});

Deno.test("LittleCms.open() rejects a missing library", () => {
  assert.throws(() => LittleCms.open("/nonexistent/liblcms2.so.2"), /nonexistent/);
});
