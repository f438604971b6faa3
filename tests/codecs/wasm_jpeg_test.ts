import assert from "node:assert/strict";
import { UnsupportedSourceError } from "../../src/codecs/errors.ts";
import { WasmJpeg } from "../../src/codecs/wasm_jpeg.ts";
import { cmykJpeg } from "./_jpeg_fixtures.ts";
import { segmentsOf } from "./_jpeg_segments.ts";
import { runJpegCodecSuite } from "./jpeg_codec_suite.ts";

runJpegCodecSuite(() => new WasmJpeg());

Deno.test("WasmJpeg offers only scale 1", () => {
  assert.deepEqual(new WasmJpeg().scales, [1]);
});

Deno.test("WasmJpeg.decode() rejects CMYK and YCCK with UnsupportedSourceError", async () => {
  const codec = new WasmJpeg();
  const ycck = cmykJpeg();
  // The same file with its Adobe segment's transform byte set from 2 (YCCK) to 0 (CMYK).
  const adobe = segmentsOf(ycck).find((segment) => segment.code === 0xee)!;
  const cmyk = ycck.slice();
  cmyk[adobe.payload.byteOffset - ycck.byteOffset + 11] = 0;
  for (const jpeg of [ycck, cmyk]) {
    await assert.rejects(
      codec.decode(jpeg, 1, (byteLength) => new Uint8Array(byteLength)),
      (error) => error instanceof UnsupportedSourceError && /CMYK/.test(error.message),
    );
  }
});
