import assert from "node:assert/strict";
import { WasmJpeg } from "../../src/codecs/wasm_jpeg.ts";
import { runJpegCodecSuite } from "./jpeg_codec_suite.ts";

runJpegCodecSuite(() => new WasmJpeg());

Deno.test("WasmJpeg offers only scale 1", () => {
  assert.deepEqual(new WasmJpeg().scales, [1]);
});
