import assert from "node:assert/strict";
import { TurboJpeg } from "../../src/codecs/turbojpeg.ts";
import { runJpegCodecSuite } from "./jpeg_codec_suite.ts";

runJpegCodecSuite(() => TurboJpeg.open("libturbojpeg.so.0"));

Deno.test("TurboJpeg.open() offers the DCT scales 1, 2, 4 and 8", () => {
  assert.deepEqual(TurboJpeg.open("libturbojpeg.so.0").scales, [1, 2, 4, 8]);
});

Deno.test("TurboJpeg.open() rejects a missing library", () => {
  assert.throws(() => TurboJpeg.open("/nonexistent/libturbojpeg.so.0"), /nonexistent/);
});
