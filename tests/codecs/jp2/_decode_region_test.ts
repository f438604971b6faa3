import assert from "node:assert/strict";
import { decodeRegion } from "../../../src/codecs/jp2/_decode_region.ts";
import { SparseBytes } from "../../../src/codecs/jp2/_sparse_bytes.ts";
import { openJpegSymbols } from "../../../src/codecs/jp2/jp2_library.ts";
import {
  allocate,
  compressJp2,
  MemorySource,
  pixels,
  referenceDecode,
  testImage,
} from "./_jp2_fixtures.ts";

Deno.test("decodeRegion() names the bytes it lacks, and decodes once they are there", async () => {
  const file = await compressJp2(testImage(150, 100, 3), ["-n", "3", "-t", "64,64"]);
  const source = new MemorySource(file);
  const bytes = new SparseBytes(file.length, []);
  const area = { x0: 40, y0: 20, x1: 120, y1: 84 };
  const request = { format: "jp2", reduce: 1, area, width: 40, height: 32 } as const;
  let attempts = 0;
  for (;;) {
    attempts++;
    const outcome = decodeRegion(openJpegSymbols(), bytes, request, allocate);
    if ("raster" in outcome) {
      const expected = await referenceDecode(file, "jp2", 1, area);
      assert.deepEqual(pixels(outcome.raster), expected.data);
      break;
    }
    assert.ok(outcome.missing.length > 0 && attempts < 50);
    await bytes.fetch(source, outcome.missing);
  }
  assert.ok(attempts > 1, "an empty cache cannot decode at once");
});
