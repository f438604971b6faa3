import assert from "node:assert/strict";
import { CorruptSourceError } from "../../src/codecs/errors.ts";
import { probePng } from "../../src/codecs/probe_png.ts";
import { buildPng, idat, ihdr } from "./_images.ts";

const PNG = buildPng([["IHDR", ihdr(1, 1, 8, 2)], ["IDAT", idat([[1, 2, 3]])], [
  "IEND",
  new Uint8Array(),
]]);

Deno.test("probePng() names a damaged IHDR length rather than calling IHDR not IHDR", () => {
  const damaged = PNG.slice();
  damaged[11] = 14;
  assert.throws(() => probePng(damaged), (error) => {
    assert.ok(error instanceof CorruptSourceError, String(error));
    assert.equal(error.message, "Cannot read PNG header: IHDR holds 14 bytes, not 13");
    return true;
  });
  const renamed = PNG.slice();
  renamed[12] = "Y".charCodeAt(0);
  assert.throws(() => probePng(renamed), {
    message: 'Cannot read PNG header: first chunk is "YHDR", not IHDR',
  });
});
