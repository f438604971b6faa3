import assert from "node:assert/strict";
import { parseRegion, type RegionRequest } from "../../src/iiif/mod.ts";
import { assertIiifError } from "./_assert_iiif_error.ts";

const VALID: [string, RegionRequest][] = [
  ["full", { kind: "full" }],
  ["square", { kind: "square" }],
  ["125,15,120,140", { kind: "pixels", x: 125, y: 15, width: 120, height: 140 }],
  ["0,0,1,1", { kind: "pixels", x: 0, y: 0, width: 1, height: 1 }],
  ["007,0,10,10", { kind: "pixels", x: 7, y: 0, width: 10, height: 10 }],
  ["2147483647,0,1,1", { kind: "pixels", x: 2147483647, y: 0, width: 1, height: 1 }],
  ["pct:41.6,7.5,40,70", { kind: "percent", x: 41.6, y: 7.5, width: 40, height: 70 }],
  ["pct:0,0,100,100", { kind: "percent", x: 0, y: 0, width: 100, height: 100 }],
  ["pct:.5,0.5,5.,150", { kind: "percent", x: 0.5, y: 0.5, width: 5, height: 150 }],
];

const INVALID = [
  "",
  "Full",
  "full ",
  "squared",
  "0,0,10",
  "0,0,10,10,10",
  "0,0,0,10",
  "0,0,10,0",
  "-1,0,10,10",
  "+1,0,10,10",
  "1.5,0,10,10",
  "0,0,1e3,10",
  " 0,0,10,10",
  "0,0,10,10,",
  "0x10,0,10,10",
  "2147483648,0,1,1",
  `${"9".repeat(400)},0,1,1`,
  "pct:",
  "pct:0,0,0,10",
  "pct:0,0,10,0.0",
  "pct:-1,0,10,10",
  "pct:0,0,NaN,10",
  "pct:0,0,Infinity,10",
  "pct:0,0,1e2,10",
  "pct:0,0,10..5,10",
  "pct:0,0,.,10",
  "PCT:0,0,10,10",
  "pct:0,0,10",
];

for (const [text, expected] of VALID) {
  Deno.test(`parseRegion() parses "${text.slice(0, 40)}"`, () => {
    assert.deepEqual(parseRegion(text), expected);
  });
}

for (const text of INVALID) {
  Deno.test(`parseRegion() rejects "${text.slice(0, 40)}" with IiifSyntaxError`, () => {
    assertIiifError(() => parseRegion(text), { status: 400, parameter: "region" });
  });
}
