import assert from "node:assert/strict";
import { parseRotation, type RotationRequest } from "../../src/iiif/mod.ts";
import { assertIiifError } from "./_assert_iiif_error.ts";

const VALID: [string, RotationRequest][] = [
  ["0", { degrees: 0, mirror: false }],
  ["90", { degrees: 90, mirror: false }],
  ["180", { degrees: 180, mirror: false }],
  ["270", { degrees: 270, mirror: false }],
  ["360", { degrees: 360, mirror: false }],
  ["360.0", { degrees: 360, mirror: false }],
  ["22.5", { degrees: 22.5, mirror: false }],
  ["0.5", { degrees: 0.5, mirror: false }],
  [".5", { degrees: 0.5, mirror: false }],
  ["!0", { degrees: 0, mirror: true }],
  ["!180", { degrees: 180, mirror: true }],
  ["!345.25", { degrees: 345.25, mirror: true }],
];

const INVALID = [
  "",
  "!",
  "!!90",
  "-90",
  "+90",
  "360.0001",
  "361",
  "720",
  "90deg",
  " 90",
  "9 0",
  "1e2",
  "NaN",
  "Infinity",
  "!-0",
  "0x5a",
  "90!",
  `${"9".repeat(400)}`,
];

for (const [text, expected] of VALID) {
  Deno.test(`parseRotation() parses "${text}"`, () => {
    assert.deepEqual(parseRotation(text), expected);
  });
}

for (const text of INVALID) {
  Deno.test(`parseRotation() rejects "${text.slice(0, 40)}" with IiifSyntaxError`, () => {
    assertIiifError(() => parseRotation(text), { status: 400, parameter: "rotation" });
  });
}
