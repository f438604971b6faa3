import assert from "node:assert/strict";
import type { ProbedImage, SourceFormat } from "../../src/codecs/mod.ts";
import { checkSourceBytes, checkSourcePixels } from "../../src/http/check_source_limits.ts";
import { SourceTooLargeError } from "../../src/http/source_too_large_error.ts";
import type { SourceRef } from "../../src/sources/mod.ts";

const LIMITS = { max_source_bytes: 1000, max_source_pixels: 10_000, max_decoded_pixels: 2_500 };
const REF: SourceRef = { profile: "t", name: "a", path: "/srv/a", size: 1000, mtimeMs: 0 };

function probed(format: SourceFormat, width: number, height: number): ProbedImage {
  return { format, width, height, hasAlpha: false, scales: [1] };
}

Deno.test("checkSourceBytes() accepts max_source_bytes and refuses one byte more", () => {
  checkSourceBytes(REF, LIMITS);
  assert.throws(() => checkSourceBytes({ ...REF, size: 1001 }, LIMITS), {
    name: "SourceTooLargeError",
    message: `Source "t:a" is 1001 bytes, more than this server's max_source_bytes 1000`,
  });
});

Deno.test("checkSourcePixels() holds whole-decoded formats to max_decoded_pixels", () => {
  const cases: Array<[SourceFormat, number, number, string | null]> = [
    ["jpeg", 50, 50, null],
    ["jpeg", 51, 50, "max_decoded_pixels 2500"],
    ["png", 100_000, 100_000, "max_source_pixels 10000"],
    ["gif", 2, 1251, "max_decoded_pixels 2500"],
    ["webp", 2500, 1, null],
    ["tiff", 100, 100, null],
    ["tiff", 101, 100, "max_source_pixels 10000"],
    ["jp2", 50, 51, null],
    ["jp2", 10_001, 1, "max_source_pixels 10000"],
  ];
  for (const [format, width, height, exceeded] of cases) {
    const check = () => checkSourcePixels(REF, probed(format, width, height), LIMITS);
    if (exceeded === null) {
      check();
      continue;
    }
    assert.throws(check, (error: unknown) => {
      assert.ok(error instanceof SourceTooLargeError, format);
      assert.equal(
        error.message,
        `Source "t:a" is ${width}×${height} (${width * height} pixels), more than this ` +
          `server's ${exceeded}`,
      );
      return true;
    });
  }
});
