import assert from "node:assert/strict";
import { type IiifVersion, parseSize, type SizeRequest } from "../../src/iiif/mod.ts";
import { assertIiifError } from "./_assert_iiif_error.ts";

const VALID: [string, IiifVersion, SizeRequest][] = [
  ["max", 3, { upscale: false, kind: "max" }],
  ["^max", 3, { upscale: true, kind: "max" }],
  ["150,", 3, { upscale: false, kind: "width", width: 150 }],
  ["^360,", 3, { upscale: true, kind: "width", width: 360 }],
  [",150", 3, { upscale: false, kind: "height", height: 150 }],
  ["^,240", 3, { upscale: true, kind: "height", height: 240 }],
  ["pct:50", 3, { upscale: false, kind: "percent", percent: 50 }],
  ["^pct:120.5", 3, { upscale: true, kind: "percent", percent: 120.5 }],
  ["pct:.5", 3, { upscale: false, kind: "percent", percent: 0.5 }],
  ["225,100", 3, { upscale: false, kind: "exact", width: 225, height: 100 }],
  ["^360,360", 3, { upscale: true, kind: "exact", width: 360, height: 360 }],
  ["!225,100", 3, { upscale: false, kind: "confined", width: 225, height: 100 }],
  ["^!360,360", 3, { upscale: true, kind: "confined", width: 360, height: 360 }],
  ["full", 2, { upscale: false, kind: "full" }],
  ["max", 2, { upscale: false, kind: "max" }],
  ["150,", 2, { upscale: false, kind: "width", width: 150 }],
  [",150", 2, { upscale: false, kind: "height", height: 150 }],
  ["pct:150", 2, { upscale: false, kind: "percent", percent: 150 }],
  ["225,100", 2, { upscale: false, kind: "exact", width: 225, height: 100 }],
  ["!225,100", 2, { upscale: false, kind: "confined", width: 225, height: 100 }],
];

const INVALID: [string, IiifVersion][] = [
  ["full", 3],
  ["^full", 3],
  ["^max", 2],
  ["^150,", 2],
  ["^!100,100", 2],
  ["", 3],
  [",", 3],
  ["^", 3],
  ["^^max", 3],
  ["Max", 3],
  ["max ", 2],
  ["0,", 3],
  [",0", 2],
  ["0,10", 3],
  ["10,0", 2],
  ["!0,10", 3],
  ["!10,", 3],
  ["!,10", 2],
  ["!!10,10", 3],
  ["!^10,10", 3],
  [",^240", 3],
  ["10,10,10", 3],
  ["-10,", 3],
  ["+10,", 2],
  ["10.5,", 3],
  ["1e3,", 3],
  ["2147483648,", 3],
  ["pct:0", 3],
  ["pct:0.0", 2],
  ["pct:", 3],
  ["pct:-5", 3],
  ["pct:NaN", 3],
  ["pct:Infinity", 2],
  ["pct:1e2", 3],
  ["pct:50%", 3],
  ["pct:50,50", 3],
];

for (const [text, version, expected] of VALID) {
  Deno.test(`parseSize() parses "${text}" (${version}.x)`, () => {
    assert.deepEqual(parseSize(text, version), expected);
  });
}

for (const [text, version] of INVALID) {
  Deno.test(`parseSize() rejects "${text}" (${version}.x) with IiifSyntaxError`, () => {
    assertIiifError(() => parseSize(text, version), { status: 400, parameter: "size" });
  });
}

Deno.test('parseSize() explains that "full" is "max" in 3.0', () => {
  assert.throws(() => parseSize("full", 3), { message: /use "max"/ });
});
