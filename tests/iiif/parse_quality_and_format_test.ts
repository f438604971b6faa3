import assert from "node:assert/strict";
import {
  type IiifParameter,
  MEDIA_TYPES,
  OUTPUT_FORMATS,
  parseQualityAndFormat,
  QUALITIES,
} from "../../src/iiif/mod.ts";
import { assertIiifError } from "./_assert_iiif_error.ts";

for (const quality of QUALITIES) {
  for (const format of OUTPUT_FORMATS) {
    Deno.test(`parseQualityAndFormat() parses "${quality}.${format}"`, () => {
      assert.deepEqual(parseQualityAndFormat(`${quality}.${format}`), { quality, format });
    });
  }
}

const INVALID: [string, IiifParameter][] = [
  ["default", "format"],
  ["", "format"],
  ["default.", "format"],
  ["default.jp2", "format"],
  ["default.pdf", "format"],
  ["default.jpeg", "format"],
  ["default.JPG", "format"],
  ["default.jpg.png", "format"],
  ["default.jpg ", "format"],
  ["grey.jpg", "quality"],
  ["native.jpg", "quality"],
  ["Default.jpg", "quality"],
  [".jpg", "quality"],
];

for (const [text, parameter] of INVALID) {
  Deno.test(`parseQualityAndFormat() rejects "${text}" with IiifSyntaxError`, () => {
    assertIiifError(() => parseQualityAndFormat(text), { status: 400, parameter });
  });
}

Deno.test("MEDIA_TYPES gives each output format its Content-Type", () => {
  assert.deepEqual(Object.keys(MEDIA_TYPES), [...OUTPUT_FORMATS]);
  assert.equal(MEDIA_TYPES.jpg, "image/jpeg");
  assert.equal(MEDIA_TYPES.tif, "image/tiff");
});
