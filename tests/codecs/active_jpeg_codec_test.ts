import assert from "node:assert/strict";
import { jpegCodecInfo } from "../../src/codecs/mod.ts";
import type { CodecReport } from "./_codec_worker.ts";
import { runCodecWorker } from "./_codec_worker_client.ts";

/** Sizes read back at the largest scale: JPEG is reduced by 8 only with libjpeg-turbo. */
const UNSCALED = { jpg: [64, 48], png: [64, 48], webp: [64, 48], gif: [64, 48] };

Deno.test("jpegCodecInfo() reports libjpeg-turbo with scales 1, 2, 4, 8 when it loads", () => {
  assert.deepEqual(jpegCodecInfo(), { name: "libjpeg-turbo", scales: [1, 2, 4, 8] });
});

Deno.test("decodeImage() and encodeImage() work in a Web Worker with libjpeg-turbo", async () => {
  const report = await runCodecWorker();
  assert.equal(report.info.name, "libjpeg-turbo");
  assert.deepEqual(report.roundTrips, { ...UNSCALED, jpg: [8, 6] });
});

Deno.test("jpegCodecInfo() falls back to wasm with a warning when the library is missing", async () => {
  const script = new URL("./_run_codec_worker.ts", import.meta.url);
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-env", "--allow-ffi", script.href],
    env: { TESSERA_TURBOJPEG_PATH: "/nonexistent/libturbojpeg.so.0" },
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, stderr);
  const { main, probedScales, worker } = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    main: ReturnType<typeof jpegCodecInfo>;
    probedScales: number[];
    worker: CodecReport;
  };
  assert.deepEqual(probedScales, [1]);
  for (const info of [main, worker.info]) {
    assert.equal(info.name, "wasm");
    assert.deepEqual(info.scales, [1]);
    assert.match(
      info.warning ?? "",
      /Cannot load libjpeg-turbo from "\/nonexistent\/libturbojpeg.so.0"/,
    );
  }
  assert.deepEqual(worker.roundTrips, UNSCALED);
});
