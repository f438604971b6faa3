/**
 * Runs {@linkcode ./_codec_worker.ts} and prints `{ main, probedScales, worker }` as JSON: the
 * main thread's `jpegCodecInfo()`, the scales it probes for a JPEG header, and the worker's
 * report. Started as a subprocess by the fallback test, with `TESSERA_TURBOJPEG_PATH` pointing
 * nowhere.
 */
import { jpegCodecInfo, probeImage } from "../../src/codecs/mod.ts";
import { runCodecWorker } from "./_codec_worker_client.ts";

const jpegHeader = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 16, 0, 16, 1]);
console.log(JSON.stringify({
  main: jpegCodecInfo(),
  probedScales: probeImage(jpegHeader)?.scales,
  worker: await runCodecWorker(),
}));
